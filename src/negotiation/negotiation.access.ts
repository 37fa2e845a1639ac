import type { Caller, Grant } from '../auth/caller.js';
import type { NegotiationActor } from '../kernel/round/round.permissions.js';
import type { RoundContext } from '../kernel/round/round.types.js';

// Who may see a negotiation, and what the caller is inside it. Out of scope reads as 404, never 403,
// so a caller cannot learn that another industry's round exists.

export interface ScopedRow {
  industryCode: string;
  regionCode: string;
  workerPartyId: string;
  employerPartyId: string;
  outcome: string;
}

// Region codes are paths: 'wenling' covers 'wenling-xinhe' (county → town).
export const regionCovers = (grantRegion: string | null, region: string): boolean =>
  grantRegion === null || region === grantRegion || region.startsWith(`${grantRegion}-`);

const inScope = (g: Grant, row: ScopedRow): boolean =>
  (g.industryCode === null || g.industryCode === row.industryCode) &&
  regionCovers(g.regionCode, row.regionCode);

export function canRead(caller: Caller, row: ScopedRow): boolean {
  return caller.grants.some((g) => {
    switch (g.role) {
      case 'administrator':
        return true;
      case 'unionChair':
      case 'workerRepresentative':
      case 'associationChief':
      case 'employerRepresentative':
        return g.partyId === row.workerPartyId || g.partyId === row.employerPartyId;
      case 'recorder':
      case 'labourOfficer':
        return inScope(g, row);
      // Auditors review signed agreements, not rounds under way (domain.md §4).
      case 'auditor':
        return inScope(g, row) && row.outcome === 'agreed';
    }
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Is this delegation entry the caller? Entries name a person id; rounds recorded before ADR 0025 hold
// a member handle instead, which only the account with that handle matches.
export const isCaller = (caller: Caller, ref: string): boolean =>
  (caller.personId !== null && ref === caller.personId) ||
  (!UUID.test(ref) && ref === caller.memberRef);

export function actorIn(
  caller: Caller,
  row: ScopedRow,
  ctx: RoundContext,
): NegotiationActor & { accountId: string; personId: string | null } {
  const has = (role: Grant['role'], partyId: string) =>
    caller.grants.some((g) => g.role === role && g.partyId === partyId);
  const chiefOf = [
    ...(has('unionChair', row.workerPartyId) ? (['worker'] as const) : []),
    ...(has('associationChief', row.employerPartyId) ? (['employer'] as const) : []),
  ];
  const memberOf = [
    ...(has('workerRepresentative', row.workerPartyId) ||
    ctx.delegations.worker.some((m) => isCaller(caller, m.personId))
      ? (['worker'] as const)
      : []),
    ...(has('employerRepresentative', row.employerPartyId) ||
    ctx.delegations.employer.some((m) => isCaller(caller, m.personId))
      ? (['employer'] as const)
      : []),
  ];
  // Nobody sits on both sides of a pair (CCR). An account that would (grants on one party, a seat in
  // the other's delegation) is trusted with neither: no caucus notes, no side's events.
  const onBothSides = new Set([...chiefOf, ...memberOf]).size > 1;
  return {
    accountId: caller.accountId,
    personId: caller.personId,
    chiefOf: onBothSides ? [] : chiefOf,
    memberOf: onBothSides ? [] : memberOf,
    // The recorder role is not enough: the caller must be this round's appointed recorder.
    isRecorder:
      caller.grants.some((g) => g.role === 'recorder' && inScope(g, row)) &&
      ctx.recorder !== null &&
      isCaller(caller, ctx.recorder.personId),
    isLabourOfficer: caller.grants.some((g) => g.role === 'labourOfficer' && inScope(g, row)),
  };
}

// regionCovers as SQL over alias `n`, given the placeholder of the grant's region code; starts_with
// takes the code literally (LIKE would read _ and % in a code as wildcards).
export const regionCoversSql = (param: string): string =>
  `(n.region_code = ${param} OR starts_with(n.region_code, ${param} || '-'))`;

// The same rule as canRead, as SQL for list queries. Returns a clause over alias `n` and its params.
export function visibilityClause(
  caller: Caller,
  firstParam: number,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  const scope = (g: Grant) =>
    [
      g.industryCode === null ? 'TRUE' : `n.industry_code = ${p(g.industryCode)}`,
      g.regionCode === null ? 'TRUE' : regionCoversSql(p(g.regionCode)),
    ].join(' AND ');
  const ors = caller.grants.map((g) => {
    switch (g.role) {
      case 'administrator':
        return 'TRUE';
      case 'unionChair':
      case 'workerRepresentative':
      case 'associationChief':
      case 'employerRepresentative':
        return g.partyId
          ? `(n.worker_party_id = ${p(g.partyId)} OR n.employer_party_id = ${p(g.partyId)})`
          : 'FALSE';
      case 'recorder':
      case 'labourOfficer':
        return `(${scope(g)})`;
      case 'auditor':
        return `(${scope(g)} AND n.outcome = 'agreed')`;
    }
  });
  return { sql: ors.length ? `(${ors.join(' OR ')})` : 'FALSE', params };
}
