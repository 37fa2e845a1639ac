import { Inject, Injectable } from '@nestjs/common';
import { AdministrationLog } from '../administration/administration-log.service.js';
import { GrantsService } from '../administration/grants.service.js';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { SpreadsheetReader } from '../piece-rates/spreadsheet-reader.js';
import { readUploadBody, type SheetFormat } from '../piece-rates/spreadsheet-upload.js';
import { admitAdministrator } from '../auth/caller.js';
import { AccountsService, withheld } from './accounts.service.js';
import { AccountsStore } from './accounts.store.js';
import {
  checkRepresentatives,
  listedRows,
  usernamesIn,
  type OnboardingProblem,
} from './onboarding-sheet.js';
import { OneTimeCodeStore } from './one-time-code.store.js';

const invalid = (problems: OnboardingProblem[]) =>
  new DomainError(
    'ONBOARDING_FILE_INVALID',
    `the list has ${problems.length} problem(s) in ${new Set(problems.map((p) => p.row)).size} row(s); nothing was stored: ${problems
      .slice(0, 5)
      .map((p) => `row ${p.row}${p.column ? ` ${p.column}` : ''}: ${p.problem}`)
      .join('; ')}`,
    { rows: problems },
  );

// POST /accounts/onboarding: a delegation's representatives from one XLSX list (代表名单), each
// given a person, an account and a one-time code, all in one transaction or none (issue 9).
@Injectable()
export class OnboardDelegationUseCase {
  constructor(
    private readonly accounts: AccountsService,
    private readonly store: AccountsStore,
    private readonly codes: OneTimeCodeStore,
    private readonly log: AdministrationLog,
    private readonly grants: GrantsService,
    private readonly reader: SpreadsheetReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(
    caller: Caller,
    upload: Parameters<typeof readUploadBody>[0],
    format: SheetFormat,
    idempotencyFor: (file: Buffer) => { key: string; requestHash: string },
  ) {
    // Admitted before a byte of the body is read (ADR 0016).
    admitAdministrator(caller, 'onboard representatives');
    const { file, sheet } = await this.reader.upload(async () => {
      const file = await readUploadBody(upload, {
        limitBytes: this.config.spreadsheet.uploadLimitBytes,
        timeoutMs: this.config.spreadsheet.readTimeoutMs,
      });
      return { file, sheet: await this.reader.read('sheetRows', format, file) };
    });
    const idempotency = idempotencyFor(file);
    if (sheet.rows === null) throw invalid([{ row: 0, column: null, problem: sheet.unreadable! }]);
    const listed = listedRows(sheet.rows);
    if (listed.problems.length > 0) throw invalid(listed.problems);

    return this.accounts.write(caller, idempotency, 201, async (qr) => {
      const { representatives, problems } = checkRepresentatives(listed.rows, {
        takenUsernames: await this.store.takenUsernames(qr, usernamesIn(listed.rows)),
        parties: await this.store.parties(qr),
      });
      if (problems.length > 0) throw invalid(problems);
      const created = [];
      for (const r of representatives) {
        const personId = await this.store.insertPerson(qr, r);
        const accountId = await this.store.insertAccount(qr, {
          username: r.username,
          displayName: r.fullName,
          personId,
        });
        const code = await this.codes.issue(qr, accountId, 'activation');
        await this.log.append(qr, {
          actorAccountId: caller.accountId,
          action: 'account.created',
          subject: { type: 'account', id: accountId },
          details: {
            personId,
            personCreated: true,
            via: 'onboarding',
            organisationPartyId: r.organisationPartyId,
            roleWanted: r.roleWanted,
            codeIssued: 'activation',
            codeExpiresAt: code.expiresAt,
          },
        });
        // The seat the list asks for is proposed with the account; it takes effect when the
        // party's chief (or, for a chief's seat, a second administrator) approves (ADR 0027).
        const proposal = await this.grants.proposeWithin(qr, caller, accountId, {
          role: r.roleWanted,
          partyId: r.organisationPartyId,
          industryCode: null,
          regionCode: null,
        });
        created.push({
          grantProposalId: proposal.id,
          row: r.row,
          accountId,
          personId,
          username: r.username,
          organisationPartyId: r.organisationPartyId,
          roleWanted: r.roleWanted,
          activationCode: code,
        });
      }
      return {
        shown: { accounts: created },
        stored: {
          accounts: created.map((c) => ({ ...c, activationCode: withheld(c.activationCode) })),
        },
      };
    });
  }
}
