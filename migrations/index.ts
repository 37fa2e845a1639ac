import { InitialSchema1795458860363 } from './1795458860363-InitialSchema.js';
import { ProcessCatalogs1795462067638 } from './1795462067638-ProcessCatalogs.js';
import { RateSurveys1795462605089 } from './1795462605089-RateSurveys.js';
import { RoundPinsCatalog1795463618693 } from './1795463618693-RoundPinsCatalog.js';
import { OfferTables1795466069434 } from './1795466069434-OfferTables.js';
import { AuthSessions1795470000002 } from './1795470000002-AuthSessions.js';
import { ConfidentialNotesAndAnswers1795470000003 } from './1795470000003-ConfidentialNotesAndAnswers.js';
import { DraftTables1795470000004 } from './1795470000004-DraftTables.js';
import { AdministrationFoundation1795480000001 } from './1795480000001-AdministrationFoundation.js';
import { HistoryNamesPeopleById1795480000010 } from './1795480000010-HistoryNamesPeopleById.js';
import { Accounts1795480000020 } from './1795480000020-Accounts.js';
import { GrantsAndNotices1795480000030 } from './1795480000030-GrantsAndNotices.js';
import { PolicyProfilesAndCalendarYears1795490000000 } from './1795490000000-PolicyProfilesAndCalendarYears.js';
import { EnterpriseRateSurveys1795500000000 } from './1795500000000-EnterpriseRateSurveys.js';

// Every migration, in order. The app, the CLI and the tests all run this list.
export const MIGRATIONS = [
  InitialSchema1795458860363,
  ProcessCatalogs1795462067638,
  RateSurveys1795462605089,
  RoundPinsCatalog1795463618693,
  OfferTables1795466069434,
  AuthSessions1795470000002,
  ConfidentialNotesAndAnswers1795470000003,
  DraftTables1795470000004,
  AdministrationFoundation1795480000001,
  HistoryNamesPeopleById1795480000010,
  Accounts1795480000020,
  GrantsAndNotices1795480000030,
  PolicyProfilesAndCalendarYears1795490000000,
  EnterpriseRateSurveys1795500000000,
];
