import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import { toResponse } from '../common/api-contract.js';
import { DomainError } from '../common/domain-error.js';
import { refuseOverLimit } from '../common/limits.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { approvalRefusal } from './grant-rules.js';
import {
  accountExists,
  findProposal,
  grantsOf,
  partyFacts,
  pendingFor,
  pendingProposals,
  proposalView,
  proposalsBy,
  type ProposalRow,
} from './grants.store.js';
import { AccountGrants, GrantProposal, GrantProposalList } from './dto/administration.response.js';

// Pending proposals are few (administration is rare); the ones a caller may decide are picked from
// this many of the oldest by the same rule the approval itself applies.
const PENDING_SCAN = 1_000;

const has = (caller: Caller, ...roles: string[]) =>
  caller.grants.some((g) => roles.includes(g.role));

@Injectable()
export class GrantReadsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(
    caller: Caller,
    view: 'awaitingMe' | 'proposedByMe',
    page: { offset: number; limit: number },
  ) {
    refuseOverLimit(this.config.limits, 'historyPage', page.limit, 'limit');
    let found: ProposalRow[];
    if (view === 'proposedByMe') {
      if (!has(caller, 'administrator'))
        throw new DomainError('ROLE_FORBIDDEN', 'only administrators propose grants');
      found = await proposalsBy(this.dataSource, caller.accountId, page);
    } else {
      const pending = await pendingProposals(this.dataSource, PENDING_SCAN);
      found = pending
        .filter((p) => approvalRefusal(caller, p, p.party) === null)
        .slice(page.offset, page.offset + page.limit);
    }
    const next = found.length === page.limit ? page.offset + found.length : null;
    return toResponse(GrantProposalList, {
      items: found.map(proposalView),
      page: { limit: page.limit, next },
    });
  }

  // Visible to the people it concerns: the proposer, the grantee, whoever may decide it, and those
  // who oversee administration (administrators, auditors). Anyone else is told it does not exist.
  async get(caller: Caller, id: string) {
    const p = await findProposal(this.dataSource, id);
    const party = p?.partyId ? await partyFacts(this.dataSource, p.partyId) : null;
    const visible =
      p &&
      (has(caller, 'administrator', 'auditor') ||
        caller.accountId === p.accountId ||
        caller.accountId === p.proposedBy ||
        approvalRefusal(caller, p, party) === null);
    if (!p || !visible) throw new DomainError('NOT_FOUND', `no grant proposal ${id}`);
    return toResponse(GrantProposal, proposalView(p));
  }

  async ofAccount(caller: Caller, accountId: string) {
    if (!has(caller, 'administrator', 'auditor') && caller.accountId !== accountId)
      throw new DomainError(
        'ROLE_FORBIDDEN',
        'only administrators, auditors and the account holder read an account’s grants',
      );
    if (!(await accountExists(this.dataSource, accountId)))
      throw new DomainError('NOT_FOUND', `no account ${accountId}`);
    return toResponse(AccountGrants, {
      accountId,
      grants: await grantsOf(this.dataSource, accountId),
      pending: (await pendingFor(this.dataSource, accountId)).map(proposalView),
    });
  }
}
