import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 9 (ADR 0025): the chain names an event's sender by person id. Events recorded before keep
// their member handle (and their hashes); new ones leave it null.
export class HistoryNamesPeopleById1795480000010 implements MigrationInterface {
  name = 'HistoryNamesPeopleById1795480000010';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "negotiation_event" ALTER COLUMN "actor_member_ref" DROP NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "negotiation_event" ADD "actor_person_id" uuid`);
    // Persons are never deleted (erasure blanks them), so the chain's ids always resolve.
    await queryRunner.query(
      `ALTER TABLE "negotiation_event" ADD CONSTRAINT "FK_849046e6cb84f94d303f6667097" FOREIGN KEY ("actor_person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "negotiation_event" DROP CONSTRAINT "FK_849046e6cb84f94d303f6667097"`,
    );
    await queryRunner.query(`ALTER TABLE "negotiation_event" DROP COLUMN "actor_person_id"`);
    await queryRunner.query(
      `ALTER TABLE "negotiation_event" ALTER COLUMN "actor_member_ref" SET NOT NULL`,
    );
  }
}
