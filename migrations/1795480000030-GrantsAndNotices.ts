import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 9: grants proposed and approved (ADR 0027), notices to account holders, and the lineage of
// policy profile versions.
export class GrantsAndNotices1795480000030 implements MigrationInterface {
  name = 'GrantsAndNotices1795480000030';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "grant_proposal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "role" character varying(40) NOT NULL, "party_id" uuid, "industry_code" character varying(40), "region_code" character varying(60), "status" character varying(12) NOT NULL, "proposed_by" uuid NOT NULL, "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "grant_id" uuid, CONSTRAINT "PK_f5121cc9c2f44e3fabd00f45e5f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f70d4576d3503128c96da4173f" ON "grant_proposal"  ("status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f36bfb6f1476eb4dbd5d57a571" ON "grant_proposal"  ("account_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "kind" character varying(60) NOT NULL, "subjects" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_705062b14410ff1a04998f86d72" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ec8829e57f973b5a8ba7befd8c" ON "notice"  ("account_id", "created_at") `,
    );
    await queryRunner.query(`ALTER TABLE "policy_profile" ADD "based_on_id" character varying(60)`);
    await queryRunner.query(`ALTER TABLE "policy_profile" ADD "created_by" uuid`);
    await queryRunner.query(
      `ALTER TABLE "grant_proposal" ADD CONSTRAINT "FK_f36bfb6f1476eb4dbd5d57a571d" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_proposal" ADD CONSTRAINT "FK_8be9f11f6c0d904eb81af1e9fb5" FOREIGN KEY ("party_id") REFERENCES "party"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice" ADD CONSTRAINT "FK_b7b3718d5bbb53f9d42661914fc" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notice" DROP CONSTRAINT "FK_b7b3718d5bbb53f9d42661914fc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_proposal" DROP CONSTRAINT "FK_8be9f11f6c0d904eb81af1e9fb5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_proposal" DROP CONSTRAINT "FK_f36bfb6f1476eb4dbd5d57a571d"`,
    );
    await queryRunner.query(`ALTER TABLE "policy_profile" DROP COLUMN "created_by"`);
    await queryRunner.query(`ALTER TABLE "policy_profile" DROP COLUMN "based_on_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ec8829e57f973b5a8ba7befd8c"`);
    await queryRunner.query(`DROP TABLE "notice"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f36bfb6f1476eb4dbd5d57a571"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f70d4576d3503128c96da4173f"`);
    await queryRunner.query(`DROP TABLE "grant_proposal"`);
  }
}
