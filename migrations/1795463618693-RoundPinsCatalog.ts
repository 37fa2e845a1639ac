import { MigrationInterface, QueryRunner } from 'typeorm';

export class RoundPinsCatalog1795463618693 implements MigrationInterface {
  name = 'RoundPinsCatalog1795463618693';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "negotiation" ADD "catalog_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "negotiation" ADD CONSTRAINT "FK_1ff63c9d9abc3c2200224c19d98" FOREIGN KEY ("catalog_id") REFERENCES "process_catalog"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "negotiation" DROP CONSTRAINT "FK_1ff63c9d9abc3c2200224c19d98"`,
    );
    await queryRunner.query(`ALTER TABLE "negotiation" DROP COLUMN "catalog_id"`);
  }
}
