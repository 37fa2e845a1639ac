import { Injectable } from '@nestjs/common';
import { admitAdministrator } from '../auth/caller.js';
import { DataSource, type QueryRunner } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { inIdempotentTransaction, type StoredResponse } from '../common/idempotency.js';
import { AdministrationLog } from './administration-log.service.js';
import {
  approvalRefusal,
  bothSidesConflict,
  proposalRefusal,
  revocationRefusal,
  scopeRefusal,
  type GrantTarget,
  type PartyFacts,
  type Refusal,
} from './grant-rules.js';
import {
  accountGrants,
  decideProposal,
  deleteGrant,
  duplicateOf,
  heldParties,
  insertGrant,
  insertProposal,
  lockAccount,
  lockGrant,
  lockProposal,
  partyFacts,
  proposalView,
  scopeExists,
  type ProposalRow,
} from './grants.store.js';
import { Notices } from './notices.service.js';

type Idempotency = { key: string; requestHash: string };
type Outcome = Promise<StoredResponse & { replayed: boolean }>;

const refuse = (r: Refusal | null): void => {
  if (r) throw new DomainError(r.code, r.message);
};

// Roles that may decide something about a grant at all; the precise rule is grant-rules.ts.
const DECIDERS = new Set(['administrator', 'unionChair', 'associationChief']);

const targetOf = (t: GrantTarget): GrantTarget => ({
  role: t.role,
  partyId: t.partyId,
  industryCode: t.industryCode,
  regionCode: t.regionCode,
});

// Grants are proposed by an administrator and take effect when the party's chief or a second
// administrator approves (ADR 0027). Each step is one transaction: the change, its log entry and the
// holder's notice commit together, under the caller's Idempotency-Key.
@Injectable()
export class GrantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: AdministrationLog,
    private readonly notices: Notices,
    private readonly clock: Clock,
  ) {}

  async propose(caller: Caller, accountId: string, t: GrantTarget, idem: Idempotency): Outcome {
    admitAdministrator(caller, 'propose grants');
    refuse(scopeRefusal(t, null));
    return this.inTransaction(caller, idem, async (qr) => {
      const p = await this.proposeWithin(qr, caller, accountId, t);
      return { response: { status: 201, body: proposalView(p) }, responseStored: false };
    });
  }

  /**
   * Proposes a grant inside a transaction the caller already holds (onboarding a delegation proposes
   * each representative's seat with their account): the same checks, log entry and pending state.
   */
  async proposeWithin(
    qr: QueryRunner,
    caller: Caller,
    accountId: string,
    t: GrantTarget,
  ): Promise<ProposalRow> {
    admitAdministrator(caller, 'propose grants');
    refuse(scopeRefusal(t, null));
    if (!(await lockAccount(qr, accountId)))
      throw new DomainError('UNKNOWN_REFERENCE', `no account ${accountId}`, {
        field: 'accountId',
      });
    const party = await this.partyOf(qr, t);
    refuse(proposalRefusal(caller.grants, t, party));
    const exists = await scopeExists(qr, t.industryCode, t.regionCode);
    if (!exists.industry || !exists.region)
      throw new DomainError(
        'UNKNOWN_REFERENCE',
        `no ${exists.industry ? `region ${t.regionCode}; list them at GET /regions` : `industry ${t.industryCode}; list them at GET /industries`}`,
        { field: exists.industry ? 'regionCode' : 'industryCode' },
      );
    const duplicate = await duplicateOf(qr, accountId, t);
    if (duplicate)
      throw new DomainError(
        'GRANT_DUPLICATE',
        duplicate === 'held'
          ? 'the account already holds this grant'
          : 'this grant is already proposed and awaits approval',
      );
    await this.refuseBothSides(qr, accountId, party);
    const p = await insertProposal(qr, accountId, t, caller.accountId, this.clock.now());
    await this.record(qr, caller, 'grant.proposed', p);
    return p;
  }

  async approve(caller: Caller, id: string, idem: Idempotency): Outcome {
    this.admitDecider(caller);
    return this.inTransaction(caller, idem, async (qr) => {
      const { proposal, party } = await this.admitDecision(qr, caller, id);
      await lockAccount(qr, proposal.accountId);
      if ((await duplicateOf(qr, proposal.accountId, proposal)) === 'held')
        throw new DomainError('GRANT_DUPLICATE', 'the account already holds this grant');
      await this.refuseBothSides(qr, proposal.accountId, party);
      const grantId = await insertGrant(qr, proposal.accountId, proposal);
      const decided = await this.decide(qr, caller, proposal, 'approved', grantId);
      await this.notices.tell(qr, {
        accountId: decided.accountId,
        kind: 'grant.approved',
        subjects: {
          grantProposalId: decided.id,
          grantId,
          role: decided.role,
          partyId: decided.partyId,
        },
      });
      return { response: { status: 200, body: proposalView(decided) }, responseStored: false };
    });
  }

  async reject(caller: Caller, id: string, idem: Idempotency): Outcome {
    this.admitDecider(caller);
    return this.inTransaction(caller, idem, async (qr) => {
      const { proposal } = await this.admitDecision(qr, caller, id);
      const decided = await this.decide(qr, caller, proposal, 'rejected', null);
      await this.notices.tell(qr, {
        accountId: decided.accountId,
        kind: 'grant.rejected',
        subjects: { grantProposalId: decided.id, role: decided.role, partyId: decided.partyId },
      });
      return { response: { status: 200, body: proposalView(decided) }, responseStored: false };
    });
  }

  async withdraw(caller: Caller, id: string, idem: Idempotency): Outcome {
    return this.inTransaction(caller, idem, async (qr) => {
      const proposal = await this.lockedProposal(qr, id);
      if (proposal.proposedBy !== caller.accountId)
        throw new DomainError(
          'ROLE_FORBIDDEN',
          'only the administrator who proposed a grant withdraws it',
        );
      this.refuseDecided(proposal);
      const decided = await this.decide(qr, caller, proposal, 'withdrawn', null);
      return { response: { status: 200, body: proposalView(decided) }, responseStored: false };
    });
  }

  // Takes effect at once: the row goes, and the trigger on account_role ends the holder's tokens.
  async revoke(caller: Caller, grantId: string, idem: Idempotency): Outcome {
    this.admitDecider(caller);
    return this.inTransaction(caller, idem, async (qr) => {
      const grant = await lockGrant(qr, grantId);
      if (!grant)
        throw new DomainError(
          'NOT_FOUND',
          `no grant ${grantId}; list an account's grants at GET /administration/accounts/{id}/grants`,
        );
      const party = await this.partyOf(qr, grant);
      refuse(
        revocationRefusal(
          { accountId: caller.accountId, grants: await accountGrants(qr, caller.accountId) },
          grant,
          party,
        ),
      );
      await lockAccount(qr, grant.accountId);
      await deleteGrant(qr, grant.id);
      await this.log.append(qr, {
        actorAccountId: caller.accountId,
        action: 'grant.revoked',
        subject: { type: 'grant', id: grant.id },
        details: { accountId: grant.accountId, ...targetOf(grant) },
      });
      await this.notices.tell(qr, {
        accountId: grant.accountId,
        kind: 'grant.revoked',
        subjects: { grantId: grant.id, role: grant.role, partyId: grant.partyId },
      });
      const body = { id: grant.id, accountId: grant.accountId, ...targetOf(grant), revoked: true };
      return { response: { status: 200, body }, responseStored: false };
    });
  }

  private admitDecider(caller: Caller): void {
    if (!caller.grants.some((g) => DECIDERS.has(g.role)))
      throw new DomainError(
        'GRANT_APPROVER_WRONG',
        'grants are decided by the chief of the party (for its representatives) or by an administrator',
      );
  }

  // 404, then 403 (the approver's grants as they are now, not as the token remembers), then 409.
  private async admitDecision(qr: QueryRunner, caller: Caller, id: string) {
    const proposal = await this.lockedProposal(qr, id);
    const party = await this.partyOf(qr, proposal);
    refuse(
      approvalRefusal(
        { accountId: caller.accountId, grants: await accountGrants(qr, caller.accountId) },
        proposal,
        party,
      ),
    );
    this.refuseDecided(proposal);
    return { proposal, party };
  }

  private async lockedProposal(qr: QueryRunner, id: string): Promise<ProposalRow> {
    const proposal = await lockProposal(qr, id);
    if (!proposal)
      throw new DomainError(
        'NOT_FOUND',
        `no grant proposal ${id}; list yours at GET /administration/grant-proposals`,
      );
    return proposal;
  }

  private refuseDecided(p: ProposalRow): void {
    if (p.status !== 'pending')
      throw new DomainError(
        'GRANT_PROPOSAL_NOT_PENDING',
        `this proposal was already ${p.status}; propose the grant again if it is still wanted`,
        { status: p.status },
      );
  }

  private async decide(
    qr: QueryRunner,
    caller: Caller,
    p: ProposalRow,
    status: 'approved' | 'rejected' | 'withdrawn',
    grantId: string | null,
  ): Promise<ProposalRow> {
    const decided = await decideProposal(
      qr,
      p.id,
      status,
      caller.accountId,
      this.clock.now(),
      grantId,
    );
    await this.record(qr, caller, `grant.${status}`, decided);
    return decided;
  }

  private record(qr: QueryRunner, caller: Caller, action: string, p: ProposalRow) {
    return this.log.append(qr, {
      actorAccountId: caller.accountId,
      action,
      subject: { type: 'grantProposal', id: p.id },
      details: {
        accountId: p.accountId,
        ...targetOf(p),
        ...(p.grantId ? { grantId: p.grantId } : {}),
      },
    });
  }

  private async partyOf(qr: QueryRunner, t: GrantTarget): Promise<PartyFacts | null> {
    if (!t.partyId) return null;
    const party = await partyFacts(qr, t.partyId);
    if (!party)
      throw new DomainError(
        'UNKNOWN_REFERENCE',
        `no party ${t.partyId}; list them at GET /parties`,
        {
          field: 'partyId',
        },
      );
    return party;
  }

  // Nobody sits on both sides of a pair (issue 8): checked again at approval, under the account lock.
  private async refuseBothSides(qr: QueryRunner, accountId: string, party: PartyFacts | null) {
    const other = bothSidesConflict(party, await heldParties(qr, accountId));
    if (other)
      throw new DomainError(
        'GRANT_BOTH_SIDES',
        `the account already holds a role in party ${other.id}, the other side of this pair; nobody may sit on both sides: revoke that role first`,
        { otherPartyId: other.id },
      );
  }

  private inTransaction(
    caller: Caller,
    idem: Idempotency,
    work: (qr: QueryRunner) => Promise<{ response: StoredResponse; responseStored: false }>,
  ): Outcome {
    return inIdempotentTransaction(this.dataSource, caller.accountId, idem, work);
  }
}
