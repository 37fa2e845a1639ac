import { OneTimeCode } from '../accounts/one-time-code.entity.js';
import { AdministrationLogEntry } from '../administration/administration-log.entity.js';
import { GrantProposal } from '../administration/grant-proposal.entity.js';
import { Notice } from '../administration/notice.entity.js';
import { AccountRole } from '../auth/account-role.entity.js';
import { Account } from '../auth/account.entity.js';
import { AuthSession } from '../auth/session.entity.js';
import { CalendarDayRecord, CalendarYearRecord } from '../calendar/calendar-day.entity.js';
import { IdempotencyRecord } from '../common/idempotency-record.entity.js';
import { CaucusNote } from '../negotiation/caucus-note.entity.js';
import { NegotiationDeadline } from '../negotiation/negotiation-deadline.entity.js';
import { NegotiationEvent } from '../negotiation/negotiation-event.entity.js';
import { Negotiation } from '../negotiation/negotiation.entity.js';
import { RateTable, RateTableLine } from '../negotiation/rate-table.entity.js';
import { Industry } from '../parties/industry.entity.js';
import { Party } from '../parties/party.entity.js';
import { Region } from '../parties/region.entity.js';
import {
  CatalogCodeMapping,
  CatalogGroup,
  CatalogProcess,
  ProcessCatalog,
} from '../piece-rates/catalog.entity.js';
import {
  EnterpriseSurvey,
  EnterpriseSurveyAnswer,
  EnterpriseSurveyParticipant,
} from '../piece-rates/enterprise-survey.entity.js';
import {
  RateSurvey,
  SurveyAnswer,
  SurveyParticipant,
  SurveyTally,
} from '../piece-rates/survey.entity.js';
import { Person } from '../people/person.entity.js';
import { PolicyJurisdictionRecord, PolicyProfileRecord } from '../policy/policy-profile.entity.js';

// Explicit class lists, not globs: ESM globs silently match nothing (shared/stack.md).
export const ENTITIES = [
  Industry,
  Region,
  Party,
  Person,
  Account,
  AccountRole,
  AuthSession,
  PolicyProfileRecord,
  PolicyJurisdictionRecord,
  CalendarDayRecord,
  CalendarYearRecord,
  Negotiation,
  NegotiationEvent,
  NegotiationDeadline,
  CaucusNote,
  IdempotencyRecord,
  ProcessCatalog,
  CatalogGroup,
  CatalogProcess,
  CatalogCodeMapping,
  RateSurvey,
  SurveyParticipant,
  SurveyTally,
  SurveyAnswer,
  EnterpriseSurvey,
  EnterpriseSurveyParticipant,
  EnterpriseSurveyAnswer,
  RateTable,
  RateTableLine,
  AdministrationLogEntry,
  GrantProposal,
  Notice,
  OneTimeCode,
];
