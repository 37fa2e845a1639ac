import { MigrationInterface, QueryRunner } from 'typeorm';

// Sessions, token versions and the login throttle's counters (ADR 0017).
export class AuthSessions1795470000002 implements MigrationInterface {
  name = 'AuthSessions1795470000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "auth_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_19354ed146424a728c1112a8cbf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e4c520a0509e1853c3040fe6d3" ON "auth_session"  ("account_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "account" ADD "token_version" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_session" ADD CONSTRAINT "FK_e4c520a0509e1853c3040fe6d33" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // In the database, not in the service, so that a change made directly in SQL revokes too.
    await queryRunner.query(
      `CREATE FUNCTION account_token_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.disabled IS DISTINCT FROM OLD.disabled OR NEW.password_hash IS DISTINCT FROM OLD.password_hash OR NEW.username IS DISTINCT FROM OLD.username OR NEW.member_ref IS DISTINCT FROM OLD.member_ref THEN NEW.token_version := OLD.token_version + 1; END IF; RETURN NEW; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER account_token_version BEFORE UPDATE ON "account" FOR EACH ROW EXECUTE FUNCTION account_token_version_bump()`,
    );
    await queryRunner.query(
      `CREATE FUNCTION account_role_token_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP IN ('UPDATE', 'DELETE') THEN UPDATE account SET token_version = token_version + 1 WHERE id = OLD.account_id; END IF; IF TG_OP IN ('INSERT', 'UPDATE') THEN UPDATE account SET token_version = token_version + 1 WHERE id = NEW.account_id; END IF; RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER account_role_token_version AFTER INSERT OR UPDATE OR DELETE ON "account_role" FOR EACH ROW EXECUTE FUNCTION account_role_token_version_bump()`,
    );
    await queryRunner.query(
      `CREATE FUNCTION account_role_truncated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE account SET token_version = token_version + 1; RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER account_role_truncated AFTER TRUNCATE ON "account_role" FOR EACH STATEMENT EXECUTE FUNCTION account_role_truncated()`,
    );
    // rate-limiter-flexible's own layout (RateLimiterPostgres), created here rather than by the
    // library at run time; keys are hashes, expire is epoch milliseconds.
    await queryRunner.query(
      `CREATE TABLE "login_throttle" ("key" character varying(255) NOT NULL, "points" integer NOT NULL DEFAULT 0, "expire" bigint, CONSTRAINT "PK_login_throttle" PRIMARY KEY ("key"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_throttle"`);
    await queryRunner.query(`DROP TRIGGER account_role_truncated ON "account_role"`);
    await queryRunner.query(`DROP FUNCTION account_role_truncated()`);
    await queryRunner.query(`DROP TRIGGER account_role_token_version ON "account_role"`);
    await queryRunner.query(`DROP FUNCTION account_role_token_version_bump()`);
    await queryRunner.query(`DROP TRIGGER account_token_version ON "account"`);
    await queryRunner.query(`DROP FUNCTION account_token_version_bump()`);
    await queryRunner.query(
      `ALTER TABLE "auth_session" DROP CONSTRAINT "FK_e4c520a0509e1853c3040fe6d33"`,
    );
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "token_version"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e4c520a0509e1853c3040fe6d3"`);
    await queryRunner.query(`DROP TABLE "auth_session"`);
  }
}
