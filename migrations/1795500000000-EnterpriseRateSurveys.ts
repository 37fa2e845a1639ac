import type { MigrationInterface, QueryRunner } from 'typeorm';

// ADR 0036: the enterprise rate survey (制鞋 工价征求表 by enterprise). Enterprises are keyed tags, answers
// are sealed until the close, and the close keeps only the statistics the release rule allows.

export class EnterpriseRateSurveys1795500000000 implements MigrationInterface {
  name = 'EnterpriseRateSurveys1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "enterprise_survey" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "negotiation_id" uuid NOT NULL, "status" character varying(10) NOT NULL, "min_enterprises" integer NOT NULL, "item_kind" character varying(10) NOT NULL, "item_codes" text array NOT NULL, "opened_on" date NOT NULL, "closed_on" date, "statistics" jsonb, CONSTRAINT "PK_dfc60315adbb0791d3f582e9d15" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "enterprise_survey_participant" ("survey_id" uuid NOT NULL, "enterprise_tag" character(64) NOT NULL, "receipt" character(64) NOT NULL, CONSTRAINT "PK_0f098c6258d746988a78d866290" PRIMARY KEY ("survey_id", "enterprise_tag"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "enterprise_survey_answer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "survey_id" uuid NOT NULL, "sealed" bytea NOT NULL, CONSTRAINT "PK_d5e8a45111897fa64ae18c06674" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "enterprise_survey" ADD CONSTRAINT "FK_6099588a80d0d2e0cfcb694e393" FOREIGN KEY ("negotiation_id") REFERENCES "negotiation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enterprise_survey_participant" ADD CONSTRAINT "FK_da969bcd191799f2fbcb5ab7759" FOREIGN KEY ("survey_id") REFERENCES "enterprise_survey"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enterprise_survey_answer" ADD CONSTRAINT "FK_c01448a05ec6a7943f4324c9308" FOREIGN KEY ("survey_id") REFERENCES "enterprise_survey"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "enterprise_survey_answer" DROP CONSTRAINT "FK_c01448a05ec6a7943f4324c9308"`,
    );
    await queryRunner.query(
      `ALTER TABLE "enterprise_survey_participant" DROP CONSTRAINT "FK_da969bcd191799f2fbcb5ab7759"`,
    );
    await queryRunner.query(
      `ALTER TABLE "enterprise_survey" DROP CONSTRAINT "FK_6099588a80d0d2e0cfcb694e393"`,
    );
    await queryRunner.query(`DROP TABLE "enterprise_survey_answer"`);
    await queryRunner.query(`DROP TABLE "enterprise_survey_participant"`);
    await queryRunner.query(`DROP TABLE "enterprise_survey"`);
  }
}
