import { MigrationInterface, QueryRunner } from 'typeorm';

// An agreed draft's table moves out of the round's snapshot into rate_table (kind 'draft', ADR 0018):
// a header for what the lines cannot give back, and per line the rate it is compared with and its
// industry-minimum flag. Adding columns rewrites no row, so the immutability triggers are untouched.
export class DraftTables1795470000004 implements MigrationInterface {
  name = 'DraftTables1795470000004';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rate_table" ADD "header" jsonb`);
    await queryRunner.query(`ALTER TABLE "rate_table_line" ADD "previous_rate" numeric(14,4)`);
    await queryRunner.query(
      `ALTER TABLE "rate_table_line" ADD "is_industry_minimum" boolean NOT NULL DEFAULT false`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rate_table_line" DROP COLUMN "is_industry_minimum"`);
    await queryRunner.query(`ALTER TABLE "rate_table_line" DROP COLUMN "previous_rate"`);
    await queryRunner.query(`ALTER TABLE "rate_table" DROP COLUMN "header"`);
  }
}
