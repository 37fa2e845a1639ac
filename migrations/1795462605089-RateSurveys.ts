import { MigrationInterface, QueryRunner } from 'typeorm';

export class RateSurveys1795462605089 implements MigrationInterface {
  name = 'RateSurveys1795462605089';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rate_survey" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "negotiation_id" uuid NOT NULL, "status" character varying(10) NOT NULL, "min_quotes" integer NOT NULL, "process_codes" text array NOT NULL, "opened_on" date NOT NULL, "closed_on" date, CONSTRAINT "PK_c9f061513d7b666cb1373474d4b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "survey_participant" ("survey_id" uuid NOT NULL, "participant_tag" character(64) NOT NULL, CONSTRAINT "PK_495786653fc0e0dd96386d850b0" PRIMARY KEY ("survey_id", "participant_tag"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "survey_tally" ("survey_id" uuid NOT NULL, "process_code" character varying(40) NOT NULL, "side" character varying(10) NOT NULL, "rates" numeric(12,4) array NOT NULL, CONSTRAINT "PK_64d49b9edd1bfac15146a51d180" PRIMARY KEY ("survey_id", "process_code", "side"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "rate_survey" ADD CONSTRAINT "FK_a70df29b937aaba1fcc78518e0b" FOREIGN KEY ("negotiation_id") REFERENCES "negotiation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "survey_participant" ADD CONSTRAINT "FK_46e545b3626e5d8329c24308ce2" FOREIGN KEY ("survey_id") REFERENCES "rate_survey"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "survey_tally" ADD CONSTRAINT "FK_703d4a538bfbee4971ab5edc0b9" FOREIGN KEY ("survey_id") REFERENCES "rate_survey"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "survey_tally" DROP CONSTRAINT "FK_703d4a538bfbee4971ab5edc0b9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "survey_participant" DROP CONSTRAINT "FK_46e545b3626e5d8329c24308ce2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "rate_survey" DROP CONSTRAINT "FK_a70df29b937aaba1fcc78518e0b"`,
    );
    await queryRunner.query(`DROP TABLE "survey_tally"`);
    await queryRunner.query(`DROP TABLE "survey_participant"`);
    await queryRunner.query(`DROP TABLE "rate_survey"`);
  }
}
