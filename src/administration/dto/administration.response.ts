import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiInstant, ApiInt, ApiUuid, listOf } from '../../common/api-contract.js';
import { ROLES } from '../../auth/roles.js';

// What the administration routes answer. Each class is the description and, through toResponse, the
// mapper: a field not named here never reaches a client.

const ApiRole = (o: Record<string, unknown> = {}) =>
  ApiProperty({ enum: ROLES, enumName: 'Role', ...o });
const ApiRoleOptional = (o: Record<string, unknown> = {}) =>
  ApiPropertyOptional({ enum: ROLES, enumName: 'Role', ...o });
const NULLABLE_STRING = { type: 'string', nullable: true } as const;

// ---- the administration log ----

class SourceSheet {
  @ApiProperty({ enum: ['json', 'xlsx', 'csv'] }) format: string;
  @ApiPropertyOptional({ description: 'the uploaded file’s SHA-256 (spreadsheets only)' })
  sha256?: string;
}

/**
 * The facts an entry records, by action: ids and facts only, never names of people, phone numbers,
 * e-mail addresses, passwords or codes. Every key is optional; which ones an action writes is
 * listed in docs/administration.md.
 */
export class AdministrationLogDetails {
  @ApiUuid({
    required: false,
    nullable: true,
    description: 'the account concerned (null: the erased person had none)',
  })
  accountId?: string | null;
  @ApiUuid({ required: false, description: 'the person concerned' }) personId?: string;
  @ApiPropertyOptional({ description: 'account.created: a person was added with the account' })
  personCreated?: boolean;
  @ApiPropertyOptional({ enum: ['bootstrap', 'onboarding'] }) via?: string;
  @ApiPropertyOptional({ enum: ['activation'] }) codeIssued?: string;
  @ApiInstant({ required: false, description: 'when the issued one-time code expires' })
  codeExpiresAt?: string;
  @ApiPropertyOptional({ enum: ['activation', 'reset'] }) codePurpose?: string;
  @ApiPropertyOptional({ description: 'account.resetCodeIssued: the account was disabled' })
  disabled?: boolean;
  @ApiPropertyOptional({ description: 'why it happened, e.g. person.erased' }) because?: string;
  @ApiRoleOptional() role?: string;
  @ApiRoleOptional({ description: 'account.created by onboarding: the role asked for' })
  roleWanted?: string;
  @ApiUuid({ required: false, nullable: true }) partyId?: string | null;
  @ApiUuid({ required: false, nullable: true }) organisationPartyId?: string | null;
  @ApiPropertyOptional(NULLABLE_STRING) industryCode?: string | null;
  @ApiPropertyOptional(NULLABLE_STRING) regionCode?: string | null;
  @ApiUuid({ required: false, description: 'the grant an approval created' }) grantId?: string;
  @ApiPropertyOptional({ ...NULLABLE_STRING, description: 'policyProfile.created: its base' })
  basedOnId?: string | null;
  @ApiPropertyOptional({ enum: ['holiday', 'workday'], description: 'calendarDay.marked' })
  kind?: string;
  @ApiPropertyOptional({ description: 'calendarDay.marked: the holiday’s or workday’s name' })
  name?: string;
  @ApiInt({ required: false, minimum: 1, description: 'catalog.created' }) version?: number;
  @ApiInt({ required: false, nullable: true, description: 'catalog.created' })
  basedOnVersion?: number | null;
  @ApiInt({ required: false, minimum: 0, description: 'catalog.created: its processes' })
  processes?: number;
  @ApiPropertyOptional({ type: SourceSheet, description: 'catalog.created' })
  source?: SourceSheet;
  @ApiPropertyOptional({
    type: [String],
    description: 'person.*: the names of the fields written (never their values)',
  })
  fields?: string[];
  @ApiPropertyOptional({ description: 'policyProfile.created: the family the version joined' })
  family?: string;
  @ApiPropertyOptional({ description: 'policyProfile.retired: why' })
  reason?: string;
  @ApiInt({
    required: false,
    minimum: 0,
    description:
      'calendarDay.*, calendarYear.published: open rounds whose deadlines moved (ADR 0029)',
  })
  recomputedRounds?: number;
  @ApiPropertyOptional({ description: 'calendarYear.published: the State Council notice' })
  notice?: string;
}

class LogSubject {
  @ApiProperty({
    example: 'grantProposal',
    description:
      'account, grant, grantProposal, person, policyProfile, calendarDay, calendarYear, catalog',
  })
  type: string;
  @ApiProperty({ description: 'its id (a date for a calendar day, a profile id for a profile)' })
  id: string;
}

export class AdministrationLogEntry {
  @ApiInt({ minimum: 1, description: 'the entry’s place in the log' }) seq: number;
  @ApiInstant() occurredAt: string;
  @ApiUuid({ nullable: true, description: 'null: the system itself (seed, bootstrap command)' })
  actorAccountId: string | null;
  @ApiProperty({ example: 'grant.approved', description: 'a past-tense fact, <subject>.<verb>' })
  action: string;
  @ApiProperty() subject: LogSubject;
  @ApiProperty({
    type: AdministrationLogDetails,
    description: 'as recorded, byte for byte: the hash chain commits to it',
  })
  details: AdministrationLogDetails;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
}
export class AdministrationLogEntryList extends listOf(AdministrationLogEntry) {}

class LogChainBreak {
  @ApiInt({ minimum: 1 }) seq: number;
  @ApiProperty({ enum: ['gap', 'prevHashMismatch', 'hashMismatch'] }) problem: string;
}
export class AdministrationLogVerification {
  @ApiProperty() valid: boolean;
  @ApiInt({ minimum: 0 }) entries: number;
  @ApiProperty({ description: 'the last hash that held together' }) headHash: string;
  @ApiProperty({ type: LogChainBreak, nullable: true }) firstBreak: LogChainBreak | null;
}

// ---- grants ----

export class Grantee {
  @ApiProperty() username: string;
  @ApiProperty({ ...NULLABLE_STRING, description: 'the person’s name (null once erased)' })
  name: string | null;
}

export class GrantProposal {
  @ApiUuid() id: string;
  @ApiUuid({ description: 'the account to receive the role' }) accountId: string;
  @ApiRole() role: string;
  @ApiUuid({ nullable: true }) partyId: string | null;
  @ApiProperty(NULLABLE_STRING) industryCode: string | null;
  @ApiProperty(NULLABLE_STRING) regionCode: string | null;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected', 'withdrawn'] }) status: string;
  @ApiUuid({ description: 'the administrator who proposed it' }) proposedBy: string;
  @ApiInstant() proposedAt: string;
  @ApiUuid({ nullable: true }) decidedBy: string | null;
  @ApiInstant({ nullable: true }) decidedAt: string | null;
  @ApiUuid({ nullable: true, description: 'the grant an approval created' })
  grantId: string | null;
  @ApiProperty({
    type: Grantee,
    description: 'whom the role is for, so a chief sees whom they approve',
  })
  grantee: Grantee;
}
export class GrantProposalList extends listOf(GrantProposal) {}

export class Grant {
  @ApiUuid() id: string;
  @ApiUuid() accountId: string;
  @ApiRole() role: string;
  @ApiUuid({ nullable: true }) partyId: string | null;
  @ApiProperty(NULLABLE_STRING) industryCode: string | null;
  @ApiProperty(NULLABLE_STRING) regionCode: string | null;
}

export class GrantRevoked extends Grant {
  @ApiProperty({ enum: [true] }) revoked: boolean;
}

export class AccountGrants {
  @ApiUuid() accountId: string;
  @ApiProperty({ type: [Grant] }) grants: Grant[];
  @ApiProperty({ type: [GrantProposal], description: 'proposals for it awaiting a decision' })
  pending: GrantProposal[];
}

// ---- notices ----

class NoticeSubjects {
  @ApiUuid({ required: false }) grantProposalId?: string;
  @ApiUuid({ required: false }) grantId?: string;
  @ApiRoleOptional() role?: string;
  @ApiUuid({ required: false, nullable: true }) partyId?: string | null;
}

export class Notice {
  @ApiUuid() id: string;
  @ApiProperty({ enum: ['grant.approved', 'grant.rejected', 'grant.revoked'] }) kind: string;
  @ApiProperty({
    description: 'ids of what it is about: read them through the API, where your access is checked',
  })
  subjects: NoticeSubjects;
  @ApiInstant() createdAt: string;
  @ApiInstant({ nullable: true }) readAt: string | null;
}
export class NoticeList extends listOf(Notice) {}
