import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller.js';
import { hashPassword } from '../auth/password.js';
import { CHINA_PUBLIC_HOLIDAYS_2025_2026 } from '../kernel/calendar/china-holidays.js';
import { API_PREFIX } from '../common/api-prefix.js';
import { DomainError } from '../common/domain-error.js';
import { requestHash } from '../common/idempotency.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CatalogService } from '../piece-rates/catalog.service.js';
import { EnterpriseSurveyService } from '../piece-rates/enterprise-survey.service.js';
import { SurveyService } from '../piece-rates/survey.service.js';
import { INDUSTRY_DEFINITIONS } from '../industries/index.js';
import { OpenNegotiationUseCase } from '../negotiation/open-negotiation.use-case.js';
import { SendEventUseCase } from '../negotiation/send-event.use-case.js';
import { ACCOUNTS, DEMO_PASSWORD, INDUSTRIES, PARTIES, PEOPLE, REGIONS } from './demo-reference.js';

async function seedReference(ds: DataSource): Promise<void> {
  for (const i of INDUSTRIES)
    await ds.query(
      `INSERT INTO industry (code, name_zh, name_en) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [i.code, i.nameZh, i.nameEn],
    );
  for (const r of REGIONS)
    await ds.query(
      `INSERT INTO region (code, name_zh, name_en, level, parent_code) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [r.code, r.nameZh, r.nameEn, r.level, r.parentCode],
    );
  for (const p of Object.values(PARTIES))
    await ds.query(
      `INSERT INTO party (id, side, kind, name_zh, name_en, industry_code, region_code) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [p.id, p.side, p.kind, p.nameZh, p.nameEn, p.industryCode, p.regionCode],
    );
  // Policy profiles and the 2025-2026 calendar are loaded by migration 1795490000000 (ADR 0029).
  for (const d of CHINA_PUBLIC_HOLIDAYS_2025_2026)
    await ds.query(
      `INSERT INTO calendar_day (day, kind, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [d.day, d.kind, d.name],
    );
  for (const p of Object.values(PEOPLE))
    await ds.query(
      `INSERT INTO person (id, full_name, phone, email, organisation_party_id, position) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [p.id, p.fullName, p.phone, p.email, p.organisationPartyId, p.position],
    );
  // Every demo account has the same published password, so one scrypt hash serves them all: fourteen
  // would cost a second per seeding (every end-to-end test file seeds) and hide nothing more.
  const demoPasswordHash = await hashPassword(DEMO_PASSWORD);
  for (const a of ACCOUNTS) {
    const [exists] = await ds.query(`SELECT 1 FROM account WHERE id = $1`, [a.id]);
    if (exists) continue;
    await ds.transaction(async (em) => {
      await em.query(
        `INSERT INTO account (id, username, display_name, password_hash, member_ref, person_id) VALUES ($1, $2, $3, $4, $2, $5)`,
        [a.id, a.username, a.displayName, demoPasswordHash, PEOPLE[a.username].id],
      );
      for (const g of a.grants)
        await em.query(
          `INSERT INTO account_role (account_id, role, party_id, industry_code, region_code) VALUES ($1, $2, $3, $4, $5)`,
          [a.id, g.role, g.partyId ?? null, g.industryCode ?? null, g.regionCode ?? null],
        );
    });
  }
}

// The demo accounts as in-process callers: what their bearer token would carry.
export function demoCaller(username: string): Caller {
  const a = ACCOUNTS.find((x) => x.username === username)!;
  return {
    accountId: a.id,
    username: a.username,
    personId: PEOPLE[a.username].id,
    memberRef: a.username,
    grants: a.grants.map((g) => ({
      role: g.role,
      partyId: g.partyId ?? null,
      industryCode: g.industryCode ?? null,
      regionCode: g.regionCode ?? null,
    })),
  };
}

// A demo seeded before ADR 0025 appointed its people by handle and name; its fixed keys now meet
// different requests. Seeding it again cannot succeed, so say what to do instead.
function refuseOlderDemo(e: unknown): never {
  if (e instanceof DomainError && e.code === 'IDEMPOTENCY_KEY_REUSED')
    throw new Error(
      'this database holds an older demo (people named by handle, before ADR 0025); seed the demo into an empty database: remove DATA_DIR (default ./data) or point DATABASE_URL at a new database',
      { cause: e },
    );
  throw e;
}

// The demo rounds are driven through the same use cases an HTTP request reaches, with fixed
// idempotency keys: seeding twice replays every step and changes nothing.
// Every industry's catalog is always seeded; `industries` limits whose rounds and surveys are (the
// test suite seeds only what a spec plays: each industry's rounds cost every spec that starts an app).
export async function seedDemo(
  app: INestApplication,
  options: { industries?: readonly string[] } = {},
): Promise<{
  rounds: Record<string, { id: string; state: string; revision: number }>;
  surveyId: string;
}> {
  if (app.get<AppConfig>(APP_CONFIG).isProduction)
    throw new Error('demo data (accounts with a published password) is never seeded in production');
  const ds = app.get(DataSource);
  await seedReference(ds);
  const admin = demoCaller('admin');
  const demos = INDUSTRY_DEFINITIONS.flatMap((d) => (d.demo ? [{ ...d.demo, code: d.code }] : []));
  // The seed's writes carry the hash a client's retry of the same key would (its path under /api).
  // Every industry's catalog is its own demo's (src/industries/<code>/demo/).
  const catalogs = demos.map((demo) => ({ body: demo.catalog, key: demo.catalogKey }));
  for (const catalog of catalogs)
    await app.get(CatalogService).create(admin, catalog.body, {
      key: catalog.key,
      requestHash: requestHash('POST', `/${API_PREFIX}/catalogs`, catalog.body),
    });
  const open = app.get(OpenNegotiationUseCase);
  const send = app.get(SendEventUseCase);
  // Keyed by industry code and year ("<code>:2026"), and by year alone for the first industry listed with a
  // round that year (the key tests used before a second industry had demo rounds).
  const rounds: Record<string, { id: string; state: string; revision: number }> = {};
  const surveys = app.get(SurveyService);
  let surveyId = '';

  const played = demos.filter((d) => !options.industries || options.industries.includes(d.code));
  for (const demo of played) {
    for (const round of demo.rounds) {
      const body = {
        workerPartyId: round.workerPartyId,
        employerPartyId: round.employerPartyId,
        year: round.year,
        title: round.title,
        policyProfileId: round.policyProfileId,
      };
      const opened = await open.execute(demoCaller(round.openedBy), {
        ...body,
        idempotency: {
          key: `${round.keyPrefix}-open`,
          requestHash: requestHash('POST', `/${API_PREFIX}/negotiations`, body),
        },
      });
      const id = (opened.body as { negotiationId: string }).negotiationId;
      let last = opened.body as { state: string; revision: number };
      for (const [i, step] of round.steps.entries()) {
        const expectedRevision = i + 1;
        const wire = { type: step.type, expectedRevision, payload: step.payload };
        const out = await send
          .execute(demoCaller(demo.accountOf[step.as]), {
            negotiationId: id,
            expectedRevision,
            type: step.type,
            body: step.payload,
            idempotency: {
              key: `${round.keyPrefix}-step-${i + 1}`,
              requestHash: requestHash('POST', `/${API_PREFIX}/negotiations/${id}/events`, wire),
            },
          })
          .catch(refuseOlderDemo);

        last = out.body as typeof last;
      }
      const seeded = { id, state: last.state, revision: last.revision };
      rounds[`${demo.code}:${round.year}`] = seeded;
      rounds[String(round.year)] ??= seeded;
    }
    for (const s of demo.surveys) {
      const roundId = rounds[`${demo.code}:${s.roundYear}`].id;
      const survey = await surveys.open(
        demoCaller(s.openedBy),
        roundId,
        { processCodes: s.processCodes, openedOn: s.openedOn },
        {
          key: s.key,
          requestHash: requestHash(
            'POST',
            `/${API_PREFIX}/negotiations/${roundId}/surveys`,
            s.processCodes,
          ),
        },
      );
      surveyId = (survey.body as { id: string }).id;
      for (const answer of s.answers)
        await surveys.respond(
          demoCaller(answer.username),
          surveyId,
          s.processCodes.map((processCode, i) => ({ processCode, rate: answer.rates[i] })),
          `${s.key}-${answer.username}`,
        );
    }
    for (const s of demo.enterpriseSurveys ?? []) {
      const roundId = rounds[`${demo.code}:${s.roundYear}`].id;
      const enterpriseSurveys = app.get(EnterpriseSurveyService);
      const caller = demoCaller(s.openedBy);
      const body = { itemKind: s.itemKind, itemCodes: s.itemCodes, openedOn: s.openedOn };
      const opened = await enterpriseSurveys.open(caller, roundId, body, {
        key: s.key,
        requestHash: requestHash(
          'POST',
          `/${API_PREFIX}/negotiations/${roundId}/enterprise-surveys`,
          body,
        ),
      });
      const id = (opened.body as { id: string }).id;
      for (const [i, e] of s.enterprises.entries())
        await enterpriseSurveys.record(
          caller,
          id,
          {
            enterprise: { name: e.name },
            enterpriseType: e.enterpriseType,
            figures: s.itemCodes.flatMap((itemCode, j) =>
              e.values[j] === null ? [] : [{ itemCode, value: e.values[j] }],
            ),
          },
          `${s.key}-enterprise-${i + 1}`,
        );
      if (s.closedOn) {
        const close = { closedOn: s.closedOn };
        await enterpriseSurveys.close(caller, id, s.closedOn, {
          key: `${s.key}-close`,
          requestHash: requestHash('POST', `/${API_PREFIX}/enterprise-surveys/${id}/close`, close),
        });
      }
    }
  }
  return { rounds, surveyId };
}
