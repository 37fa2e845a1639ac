// Every refusal the engine can give, with a stable code. HTTP statuses are decided once, in the
// exception filter, from the kind; domain code never throws HTTP exceptions.
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'unprocessable'
  | 'tooLarge'
  | 'unsupportedMediaType'
  | 'timeout'
  | 'tooManyRequests'
  | 'unavailable'
  | 'internal';

export const ERROR_CODES = {
  VALIDATION_FAILED: 'invalid',
  // Framework refusals (malformed JSON, unknown route) and the unexpected, named by the filter.
  MALFORMED_REQUEST: 'invalid',
  INTERNAL: 'internal',
  // Input hardening (issue 8): text PostgreSQL cannot store, nesting or bulk past the bounds.
  INPUT_TEXT_INVALID: 'invalid',
  INPUT_TOO_DEEP: 'invalid',
  INPUT_TOO_LARGE: 'invalid',
  IDEMPOTENCY_KEY_REQUIRED: 'invalid',
  EXPECTED_REVISION_REQUIRED: 'invalid',
  UNKNOWN_EVENT_TYPE: 'invalid',
  // Bounded lists (ADR 0018): one request too long (400), a round's list full (422).
  LIMIT_EXCEEDED: 'invalid',
  LIMIT_REACHED: 'unprocessable',
  AUTH_REQUIRED: 'unauthenticated',
  AUTH_INVALID_CREDENTIALS: 'unauthenticated',
  AUTH_TOKEN_INVALID: 'unauthenticated',
  ROLE_FORBIDDEN: 'forbidden',
  EVENT_FORBIDDEN: 'forbidden',
  CAUCUS_CONFIDENTIAL: 'forbidden',
  NOT_FOUND: 'notFound',
  NEGOTIATION_NOT_FOUND: 'notFound',
  PROCEDURE_NOT_FOUND: 'notFound',
  // ADR 0037: the round's procedure version keeps no terms of its own (a piece-rate round).
  TERMS_NOT_KEPT: 'notFound',
  NEGOTIATION_STALE_REVISION: 'conflict',
  EVENT_NOT_ACCEPTED_IN_STATE: 'conflict',
  // An event no version of the round's procedure has (another industry's, or none): ADR 0028.
  EVENT_NOT_IN_PROCEDURE: 'unprocessable',
  NEGOTIATION_ALREADY_EXISTS: 'conflict',
  CATALOG_VERSION_CONFLICT: 'conflict',
  SURVEY_ALREADY_ANSWERED: 'conflict',
  SURVEY_CLOSED: 'conflict',
  IDEMPOTENCY_KEY_IN_PROGRESS: 'conflict',
  IDEMPOTENCY_KEY_REUSED: 'unprocessable',
  RULE_VIOLATED: 'unprocessable',
  PARTY_MISMATCH: 'unprocessable',
  UNKNOWN_REFERENCE: 'unprocessable',
  INDUSTRY_PROCEDURE_MISSING: 'unprocessable',
  POLICY_INVALID: 'unprocessable',
  CATALOG_FILE_INVALID: 'unprocessable',
  RATE_TABLE_FILE_INVALID: 'unprocessable',
  PIECE_RATE_INVALID: 'unprocessable',
  UNSUPPORTED_MEDIA_TYPE: 'unsupportedMediaType',
  CALENDAR_INPUT_INVALID: 'unprocessable',
  PAYLOAD_TOO_LARGE: 'tooLarge',
  // uploads: bounded spreadsheet reading (ADR 0016)
  SPREADSHEET_TOO_LARGE: 'tooLarge',
  SPREADSHEET_LIMIT_EXCEEDED: 'unprocessable',
  SPREADSHEET_UNREADABLE: 'unprocessable',
  SPREADSHEET_READER_BUSY: 'unavailable',
  SPREADSHEET_UPLOAD_TOO_SLOW: 'timeout',
  // Logins and tokens (ADR 0017)
  AUTH_SESSION_ENDED: 'unauthenticated',
  LOGIN_THROTTLED: 'tooManyRequests',
  LOGIN_BUSY: 'unavailable',
  // Grants proposed and approved (issue 9, ADR 0027)
  GRANT_SCOPE_INVALID: 'invalid',
  GRANT_OUT_OF_SCOPE: 'forbidden',
  GRANT_APPROVER_WRONG: 'forbidden',
  GRANT_PROPOSAL_NOT_PENDING: 'conflict',
  GRANT_DUPLICATE: 'conflict',
  GRANT_BOTH_SIDES: 'unprocessable',
  POLICY_PROFILE_EXISTS: 'conflict',
  // Policy profile versions (ADR 0029): a round names an unknown or retired version; a value outside
  // the law's range (every violation listed).
  POLICY_PROFILE_UNKNOWN: 'unprocessable',
  POLICY_PROFILE_RETIRED: 'unprocessable',
  POLICY_VALUE_OUT_OF_RANGE: 'unprocessable',
  // Accounts (ADR 0026): administration, one-time codes, refresh tokens, onboarding lists.
  ACCOUNT_NOT_FOUND: 'notFound',
  ACCOUNT_USERNAME_TAKEN: 'conflict',
  ACCOUNT_PERSON_HAS_ACCOUNT: 'conflict',
  ACCOUNT_ADMINISTRATOR_EXISTS: 'conflict',
  ONE_TIME_CODE_INVALID: 'unauthenticated',
  ONE_TIME_CODE_EXPIRED: 'unauthenticated',
  ONE_TIME_CODE_USED: 'unauthenticated',
  AUTH_REFRESH_INVALID: 'unauthenticated',
  AUTH_REFRESH_REUSED: 'unauthenticated',
  ONBOARDING_FILE_INVALID: 'unprocessable',
  // The people registry (ADR 0025): a person outside the caller's reach reads as not found; an
  // appointment must name a person the registry holds, and nobody corrects or appoints an erased one.
  PERSON_NOT_FOUND: 'notFound',
  PERSON_UNKNOWN: 'unprocessable',
  PERSON_ERASED: 'unprocessable',
  SNAPSHOT_UNRESTORABLE: 'internal',
  MACHINE_VERSION_UNKNOWN: 'internal',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get kind(): ErrorKind {
    return ERROR_CODES[this.code];
  }
}
