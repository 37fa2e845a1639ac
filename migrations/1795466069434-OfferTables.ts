import { MigrationInterface, QueryRunner } from 'typeorm';

export class OfferTables1795466069434 implements MigrationInterface {
  name = 'OfferTables1795466069434';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rate_table" ("id" uuid NOT NULL, "negotiation_id" uuid NOT NULL, "event_seq" integer NOT NULL, "kind" character varying(10) NOT NULL, "side" character varying(10) NOT NULL, "session_number" integer NOT NULL, "scope" character varying(10) NOT NULL, "based_on" uuid, "line_count" integer NOT NULL, "sha256" character(64) NOT NULL, "note" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_a3aef1ae22e3689162fdd3b7f29" UNIQUE ("negotiation_id", "event_seq"), CONSTRAINT "PK_8cb5ecb6da6da404b2cbfae4c30" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "rate_table_line" ("rate_table_id" uuid NOT NULL, "position" integer NOT NULL, "product_type" character varying(40), "process_code" character varying(40) NOT NULL, "rate" numeric(14,4) NOT NULL, CONSTRAINT "PK_2a705c13e86619775f448fd3680" PRIMARY KEY ("rate_table_id", "position"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_9eca553aa688380ab0df28fab0" ON "rate_table_line"  ("rate_table_id", "product_type", "process_code") NULLS NOT DISTINCT`,
    );
    await queryRunner.query(
      `ALTER TABLE "rate_table" ADD CONSTRAINT "FK_a3aef1ae22e3689162fdd3b7f29" FOREIGN KEY ("negotiation_id", "event_seq") REFERENCES "negotiation_event"("negotiation_id","seq") ON DELETE RESTRICT ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED`,
    );
    await queryRunner.query(
      `ALTER TABLE "rate_table_line" ADD CONSTRAINT "FK_d833305edff9e71f2c756931d87" FOREIGN KEY ("rate_table_id") REFERENCES "rate_table"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // A tabled offer is immutable, like the history it hangs off (ADR 0013).
    await queryRunner.query(
      `CREATE FUNCTION rate_table_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is immutable (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER rate_table_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON "rate_table" FOR EACH STATEMENT EXECUTE FUNCTION rate_table_immutable()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER rate_table_line_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON "rate_table_line" FOR EACH STATEMENT EXECUTE FUNCTION rate_table_immutable()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER rate_table_line_immutable ON "rate_table_line"`);
    await queryRunner.query(`DROP TRIGGER rate_table_immutable ON "rate_table"`);
    await queryRunner.query(`DROP FUNCTION rate_table_immutable()`);
    await queryRunner.query(
      `ALTER TABLE "rate_table_line" DROP CONSTRAINT "FK_d833305edff9e71f2c756931d87"`,
    );
    await queryRunner.query(
      `ALTER TABLE "rate_table" DROP CONSTRAINT "FK_a3aef1ae22e3689162fdd3b7f29"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_9eca553aa688380ab0df28fab0"`);
    await queryRunner.query(`DROP TABLE "rate_table_line"`);
    await queryRunner.query(`DROP TABLE "rate_table"`);
  }
}
