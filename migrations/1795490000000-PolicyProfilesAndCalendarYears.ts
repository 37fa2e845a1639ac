import { MigrationInterface, QueryRunner } from 'typeorm';
import { CHINA_PUBLIC_HOLIDAYS_2025_2026 } from '../src/kernel/calendar/china-holidays.js';
import {
  NAMED_POLICY_PROFILES,
  ZHEJIANG_DEFAULT_POLICY,
} from '../src/kernel/policy/policy-profile.js';

// Issue 10 (ADR 0029): policy profiles become families of numbered versions that can be retired; the
// four named profiles and the 2025-2026 holiday arrangements are reference data every deployment
// needs (a round cannot open without a profile, nor count a deadline without the calendar), so they
// are loaded here rather than by the demo seed. The imported constants are frozen: a changed rule is
// a new version with a new id, never an edit of these.
export class PolicyProfilesAndCalendarYears1795490000000 implements MigrationInterface {
  name = 'PolicyProfilesAndCalendarYears1795490000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_year" ("year" integer NOT NULL, "source" text NOT NULL, "published_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4a5f5b39f8e07f51dab5be6fed9" PRIMARY KEY ("year"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "policy_jurisdiction" ("region_code" character varying(60) NOT NULL, "family" character varying(60) NOT NULL, CONSTRAINT "PK_bfa041aa981abbfcb0010276d41" PRIMARY KEY ("region_code"))`,
    );
    await queryRunner.query(`ALTER TABLE "policy_profile" ADD "family" character varying(60)`);
    await queryRunner.query(`ALTER TABLE "policy_profile" ADD "version" integer`);
    await queryRunner.query(
      `ALTER TABLE "policy_profile" ADD "retired_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "policy_profile" ADD "retired_by" uuid`);
    await queryRunner.query(
      `ALTER TABLE "negotiation_deadline" ADD "calendar_missing_year" integer`,
    );

    // The first profile is version 1 of the Zhejiang family, whether the seed stored it already or not.
    await queryRunner.query(
      `INSERT INTO policy_profile (id, name, body) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
      [
        ZHEJIANG_DEFAULT_POLICY.id,
        ZHEJIANG_DEFAULT_POLICY.name,
        JSON.stringify(ZHEJIANG_DEFAULT_POLICY),
      ],
    );
    // Versions added before this migration join the family of the first profile of their line, numbered
    // in the order they were added.
    await queryRunner.query(
      `WITH RECURSIVE line AS (
         SELECT id, id AS root FROM policy_profile WHERE based_on_id IS NULL
         UNION ALL
         SELECT p.id, line.root FROM policy_profile p JOIN line ON p.based_on_id = line.id
       ), numbered AS (
         SELECT p.id, CASE WHEN coalesce(line.root, p.id) = $1 THEN 'zhejiang' ELSE coalesce(line.root, p.id) END AS family,
                row_number() OVER (PARTITION BY coalesce(line.root, p.id) ORDER BY p.created_at, p.id) AS version
           FROM policy_profile p LEFT JOIN line ON line.id = p.id
       )
       UPDATE policy_profile p SET family = n.family, version = n.version FROM numbered n WHERE n.id = p.id`,
      [ZHEJIANG_DEFAULT_POLICY.id],
    );
    for (const profile of NAMED_POLICY_PROFILES) {
      // Numbered after whatever the family holds already (a deployment may have added versions).
      const [{ next }] = await queryRunner.query(
        `SELECT coalesce(max(version), 0) + 1 AS next FROM policy_profile WHERE family = $1`,
        [profile.family],
      );
      const version = Math.max(Number(next), profile.version);
      const body = { ...profile, version };
      const basedOn =
        profile.family === 'zhejiang'
          ? ((
              await queryRunner.query(
                `SELECT id FROM policy_profile WHERE family = 'zhejiang' ORDER BY version DESC LIMIT 1`,
              )
            )[0]?.id ?? null)
          : null;
      await queryRunner.query(
        `INSERT INTO policy_profile (id, name, body, family, version, based_on_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
        [profile.id, profile.name, JSON.stringify(body), profile.family, version, basedOn],
      );
    }
    await queryRunner.query(`ALTER TABLE "policy_profile" ALTER COLUMN "family" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "policy_profile" ALTER COLUMN "version" SET NOT NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_policy_profile_family_version" ON "policy_profile" ("family", "version")`,
    );
    // Wenling and Yuhuan are county-level cities of Taizhou (台州), Zhejiang.
    await queryRunner.query(
      `INSERT INTO policy_jurisdiction (region_code, family) VALUES ('wenling', 'taizhou'), ('yuhuan', 'taizhou') ON CONFLICT DO NOTHING`,
    );

    for (const d of CHINA_PUBLIC_HOLIDAYS_2025_2026)
      await queryRunner.query(
        `INSERT INTO calendar_day (day, kind, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [d.day, d.kind, d.name],
      );
    await queryRunner.query(
      `INSERT INTO calendar_year (year, source) VALUES
         (2025, '国务院办公厅关于2025年部分节假日安排的通知 (State Council General Office notice on the 2025 holiday arrangements)'),
         (2026, '国务院办公厅关于2026年部分节假日安排的通知 (State Council General Office notice on the 2026 holiday arrangements)')
       ON CONFLICT DO NOTHING`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_policy_profile_family_version"`);
    await queryRunner.query(
      `ALTER TABLE "negotiation_deadline" DROP COLUMN "calendar_missing_year"`,
    );
    await queryRunner.query(
      `DELETE FROM policy_profile p WHERE p.based_on_id IS NULL AND p.id = ANY($1) AND NOT EXISTS (SELECT 1 FROM negotiation n WHERE n.policy_profile_id = p.id)`,
      [NAMED_POLICY_PROFILES.map((p) => p.id)],
    );
    await queryRunner.query(`ALTER TABLE "policy_profile" DROP COLUMN "retired_by"`);
    await queryRunner.query(`ALTER TABLE "policy_profile" DROP COLUMN "retired_at"`);
    await queryRunner.query(`ALTER TABLE "policy_profile" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "policy_profile" DROP COLUMN "family"`);
    await queryRunner.query(`DROP TABLE "policy_jurisdiction"`);
    await queryRunner.query(`DROP TABLE "calendar_year"`);
  }
}
