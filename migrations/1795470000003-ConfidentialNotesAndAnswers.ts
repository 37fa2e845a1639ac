import { MigrationInterface, QueryRunner } from 'typeorm';

// ADR 0014: caucus notes sealed at rest (the app seals the old plain-text rows at its first start:
// the key is not in the database). ADR 0015: unmerged survey answers in their own sealed pool, a
// receipt per participant, and no idempotency record of a survey answer.
export class ConfidentialNotesAndAnswers1795470000003 implements MigrationInterface {
  name = 'ConfidentialNotesAndAnswers1795470000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "survey_answer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "survey_id" uuid NOT NULL, "side" character varying(10) NOT NULL, "sealed" bytea NOT NULL, CONSTRAINT "PK_5a2a931b95ad2a866f8bc039db9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "caucus_note" ADD "sealed" bytea`);
    await queryRunner.query(`ALTER TABLE "caucus_note" ADD "commitment" character(64)`);
    await queryRunner.query(`ALTER TABLE "survey_participant" ADD "receipt" character(64)`);
    await queryRunner.query(`ALTER TABLE "caucus_note" ALTER COLUMN "body" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "caucus_note" ALTER COLUMN "sha256" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "survey_answer" ADD CONSTRAINT "FK_ca5d0e0e096f8874883140eac9c" FOREIGN KEY ("survey_id") REFERENCES "rate_survey"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The old answers' idempotency records named the account beside the survey (request hash =
    // SHA-256 of 'survey-response:' || survey id): they said who answered. Not restored by down().
    await queryRunner.query(
      `DELETE FROM "idempotency_record" WHERE "request_hash" IN (SELECT encode(sha256(convert_to('survey-response:' || "id"::text, 'UTF8')), 'hex') FROM "rate_survey")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "survey_answer" DROP CONSTRAINT "FK_ca5d0e0e096f8874883140eac9c"`,
    );
    await queryRunner.query(`ALTER TABLE "caucus_note" ALTER COLUMN "sha256" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "caucus_note" ALTER COLUMN "body" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "survey_participant" DROP COLUMN "receipt"`);
    await queryRunner.query(`ALTER TABLE "caucus_note" DROP COLUMN "commitment"`);
    await queryRunner.query(`ALTER TABLE "caucus_note" DROP COLUMN "sealed"`);
    await queryRunner.query(`DROP TABLE "survey_answer"`);
  }
}
