import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 9, accounts (ADR 0026): one-time codes kept as keyed hashes, refresh tokens on the session
// row, and accounts that have no password until their person chooses one.
export class Accounts1795480000020 implements MigrationInterface {
  name = 'Accounts1795480000020';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "one_time_code" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "purpose" character varying(20) NOT NULL, "code_hash" character(64) NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "superseded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9fa97786ad11230e9563879e5bd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_dd1415eb6bf3748310504839a7" ON "one_time_code"  ("account_id") `,
    );
    await queryRunner.query(`ALTER TABLE "auth_session" ADD "refresh_token_hash" character(64)`);
    await queryRunner.query(
      `ALTER TABLE "auth_session" ADD "last_refreshed_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_session" ADD "token_version" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(`ALTER TABLE "account" ALTER COLUMN "password_hash" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "one_time_code" ADD CONSTRAINT "FK_dd1415eb6bf3748310504839a7a" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "one_time_code" DROP CONSTRAINT "FK_dd1415eb6bf3748310504839a7a"`,
    );
    // An account still waiting for its first password gets a hash no password verifies against.
    await queryRunner.query(
      `UPDATE "account" SET "password_hash" = '!' WHERE "password_hash" IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "account" ALTER COLUMN "password_hash" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "auth_session" DROP COLUMN "token_version"`);
    await queryRunner.query(`ALTER TABLE "auth_session" DROP COLUMN "last_refreshed_at"`);
    await queryRunner.query(`ALTER TABLE "auth_session" DROP COLUMN "refresh_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dd1415eb6bf3748310504839a7"`);
    await queryRunner.query(`DROP TABLE "one_time_code"`);
  }
}
