import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 9: the people registry, each account linked to its person, and the administration log
// (append-only, hash-chained; ADR 0022).
export class AdministrationFoundation1795480000001 implements MigrationInterface {
  name = 'AdministrationFoundation1795480000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "administration_log_entry" ("seq" integer NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_account_id" uuid, "action" character varying(60) NOT NULL, "subject_type" character varying(40) NOT NULL, "subject_id" character varying(120) NOT NULL, "details" jsonb NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_b69a1e354337b7ee9c554d8e1f1" PRIMARY KEY ("seq"))`,
    );
    // Like negotiation_event: what was done stays done; a correction is a new entry.
    await queryRunner.query(
      `CREATE FUNCTION administration_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'administration_log_entry is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER administration_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "administration_log_entry" FOR EACH STATEMENT EXECUTE FUNCTION administration_log_append_only()`,
    );
    await queryRunner.query(
      `CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "full_name" character varying(120), "phone" character varying(40), "email" character varying(254), "organisation_party_id" uuid, "position" character varying(120), "erased_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "account" ADD "person_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "account" ADD CONSTRAINT "UQ_73b5a14ecc8f5529ea98a746d51" UNIQUE ("person_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "FK_ab857857200fe5fd999809daf16" FOREIGN KEY ("organisation_party_id") REFERENCES "party"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "account" ADD CONSTRAINT "FK_73b5a14ecc8f5529ea98a746d51" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Every existing account gets its person, named as the account was displayed.
    await queryRunner.query(
      `WITH made AS (INSERT INTO person (full_name) SELECT display_name FROM account WHERE person_id IS NULL ORDER BY id RETURNING id),
            numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM made),
            accounts AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM account WHERE person_id IS NULL)
       UPDATE account a SET person_id = p.id FROM accounts x JOIN numbered p USING (n) WHERE a.id = x.id`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "account" DROP CONSTRAINT "FK_73b5a14ecc8f5529ea98a746d51"`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" DROP CONSTRAINT "FK_ab857857200fe5fd999809daf16"`,
    );
    await queryRunner.query(
      `ALTER TABLE "account" DROP CONSTRAINT "UQ_73b5a14ecc8f5529ea98a746d51"`,
    );
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "person_id"`);
    await queryRunner.query(`DROP TABLE "person"`);
    await queryRunner.query(
      `DROP TRIGGER administration_log_append_only ON "administration_log_entry"`,
    );
    await queryRunner.query(`DROP FUNCTION administration_log_append_only()`);
    await queryRunner.query(`DROP TABLE "administration_log_entry"`);
  }
}
