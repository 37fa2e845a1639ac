import type { PolicyProfile } from '../policy/policy-profile.js';
import type { PartyRef, RoundContext, Side } from './round.types.js';

export interface RoundInput {
  negotiationId: string;
  industryCode: string;
  regionCode: string;
  year: number;
  title: string;
  policy: PolicyProfile;
  parties: Record<Side, PartyRef>;
}

export function newRoundContext(input: RoundInput): RoundContext {
  return {
    ...input,
    registration: null,
    delegations: { worker: [], employer: [] },
    recorder: null,
    delegationsConfirmedOn: null,
    vacancies: [],
    offer: null,
    reply: null,
    decline: null,
    agenda: [],
    informationRequests: [],
    caucuses: [],
    sessions: [],
    latestOffers: { worker: null, employer: null },
    suspension: null,
    coordination: null,
    coordinationAgreements: [],
    draft: null,
    ratification: null,
    ballots: [],
    agreement: null,
    closure: null,
  };
}
