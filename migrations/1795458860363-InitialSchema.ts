import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795458860363 implements MigrationInterface {
  name = 'InitialSchema1795458860363';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "industry" ("code" character varying(40) NOT NULL, "name_zh" text NOT NULL, "name_en" text NOT NULL, CONSTRAINT "PK_d76e293720ae8ab8fe7afffdc98" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "region" ("code" character varying(60) NOT NULL, "name_zh" text NOT NULL, "name_en" text NOT NULL, "level" character varying(10) NOT NULL, "parent_code" character varying(60), CONSTRAINT "PK_74f7723fdff738f92929c0056cb" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "party" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "side" character varying(10) NOT NULL, "kind" character varying(30) NOT NULL, "name_zh" text NOT NULL, "name_en" text NOT NULL, "industry_code" character varying(40) NOT NULL, "region_code" character varying(60) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e6189b3d533e140bb33a6d2cec1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(80) NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "member_ref" character varying(80) NOT NULL, "disabled" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_41dfcb70af895ddf9a53094515b" UNIQUE ("username"), CONSTRAINT "UQ_76f13f0e245bfa16cfa4693a5f5" UNIQUE ("member_ref"), CONSTRAINT "PK_54115ee388cdb6d86bb4bf5b2ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "account_role" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "role" character varying(40) NOT NULL, "party_id" uuid, "industry_code" character varying(40), "region_code" character varying(60), CONSTRAINT "PK_d3890c96feefc95c7cfd788cfda" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9a9f1af0ee8fab2683a16e8df7" ON "account_role"  ("account_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "calendar_day" ("day" date NOT NULL, "kind" character varying(10) NOT NULL, "name" text NOT NULL, CONSTRAINT "PK_0f0fd32432f4e23544a28c0562b" PRIMARY KEY ("day"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_record" ("account_id" uuid NOT NULL, "key" character varying(200) NOT NULL, "request_hash" character(64) NOT NULL, "response_status" integer, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d8a1448f79bca16a293aba4e826" PRIMARY KEY ("account_id", "key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "policy_profile" ("id" character varying(60) NOT NULL, "name" text NOT NULL, "body" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_200154639252168ae68a02f28cc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "negotiation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "industry_code" character varying(40) NOT NULL, "region_code" character varying(60) NOT NULL, "year" integer NOT NULL, "title" text NOT NULL, "worker_party_id" uuid NOT NULL, "employer_party_id" uuid NOT NULL, "policy_profile_id" character varying(60) NOT NULL, "machine_id" character varying(60) NOT NULL, "machine_version" integer NOT NULL, "state" character varying(80) NOT NULL, "outcome" character varying(10) NOT NULL, "snapshot" jsonb NOT NULL, "revision" integer NOT NULL, "head_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c988d33adecae4a5b39bab5d210" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_0db1084b71092be857ae01c760" ON "negotiation"  ("state") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "negotiation_one_live_round_per_pair" ON "negotiation"  ("worker_party_id", "employer_party_id", "year") WHERE outcome <> 'failed'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e43bc6f509691a0f3b3dd7d173" ON "negotiation"  ("industry_code", "region_code", "year") `,
    );
    await queryRunner.query(
      `CREATE TABLE "caucus_note" ("id" uuid NOT NULL, "negotiation_id" uuid NOT NULL, "side" character varying(10) NOT NULL, "held_on" date NOT NULL, "body" text NOT NULL, "sha256" character(64) NOT NULL, "author_account_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3d8e8316c828a999fbcea6d95b9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6d6e212a9c2ee971fe58e8952e" ON "caucus_note"  ("negotiation_id", "side") `,
    );
    await queryRunner.query(
      `CREATE TABLE "negotiation_deadline" ("negotiation_id" uuid NOT NULL, "key" character varying(120) NOT NULL, "kind" character varying(60) NOT NULL, "starts_on" date NOT NULL, "due_on" date NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "rule" text NOT NULL, "legal_source" text NOT NULL, "status" character varying(10) NOT NULL, "met_on" date, CONSTRAINT "PK_9eff1113df2eb40955f91e6cf4c" PRIMARY KEY ("negotiation_id", "key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_268af59ba4eaf52915bfed85f5" ON "negotiation_deadline"  ("status", "due_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "negotiation_event" ("negotiation_id" uuid NOT NULL, "seq" integer NOT NULL, "type" character varying(60) NOT NULL, "payload" jsonb NOT NULL, "actor_account_id" uuid NOT NULL, "actor_member_ref" character varying(80) NOT NULL, "actor_capacity" character varying(20) NOT NULL, "actor_side" character varying(10), "state_before" character varying(80), "state_after" character varying(80) NOT NULL, "machine_id" character varying(60) NOT NULL, "machine_version" integer NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_b76c716a540178b1d6856d6afe8" PRIMARY KEY ("negotiation_id", "seq"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "region" ADD CONSTRAINT "FK_73a16baaad741cbb01fa629e95a" FOREIGN KEY ("parent_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "party" ADD CONSTRAINT "FK_8665fbffa0f447c63365c12bc29" FOREIGN KEY ("industry_code") REFERENCES "industry"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "party" ADD CONSTRAINT "FK_ff06741bf1a6785b90f4ed4da5e" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_role" ADD CONSTRAINT "FK_9a9f1af0ee8fab2683a16e8df7e" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_role" ADD CONSTRAINT "FK_ab0f1be4bcb43468b1a140e87b6" FOREIGN KEY ("party_id") REFERENCES "party"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "negotiation" ADD CONSTRAINT "FK_6a362d076c62b4fa3881e32a7ed" FOREIGN KEY ("industry_code") REFERENCES "industry"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "negotiation" ADD CONSTRAINT "FK_3b3a799e8256c8aee1538f854f2" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "negotiation" ADD CONSTRAINT "FK_39dbda9e6eff887593fb53f195f" FOREIGN KEY ("worker_party_id") REFERENCES "party"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "negotiation" ADD CONSTRAINT "FK_0a35402c59c335b14e714461531" FOREIGN KEY ("employer_party_id") REFERENCES "party"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "negotiation" ADD CONSTRAINT "FK_f10c3a5e2ee04e9c0bdf16aa79e" FOREIGN KEY ("policy_profile_id") REFERENCES "policy_profile"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "caucus_note" ADD CONSTRAINT "FK_6b284f8e7c6d60fade6cae2af72" FOREIGN KEY ("negotiation_id") REFERENCES "negotiation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "negotiation_deadline" ADD CONSTRAINT "FK_956ff79c75fd2b84b5fedfc1904" FOREIGN KEY ("negotiation_id") REFERENCES "negotiation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "negotiation_event" ADD CONSTRAINT "FK_2ef236059ef0af5a81bfd38c122" FOREIGN KEY ("negotiation_id") REFERENCES "negotiation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The history is append-only, and the database itself says so: not even a bug or a manual
    // session can rewrite or delete an event (the hash chain would also expose it).
    await queryRunner.query(
      `CREATE FUNCTION negotiation_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'negotiation_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER negotiation_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "negotiation_event" FOR EACH STATEMENT EXECUTE FUNCTION negotiation_event_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER negotiation_event_append_only ON "negotiation_event"`);
    await queryRunner.query(`DROP FUNCTION negotiation_event_append_only()`);
    await queryRunner.query(
      `ALTER TABLE "negotiation_event" DROP CONSTRAINT "FK_2ef236059ef0af5a81bfd38c122"`,
    );
    await queryRunner.query(
      `ALTER TABLE "negotiation_deadline" DROP CONSTRAINT "FK_956ff79c75fd2b84b5fedfc1904"`,
    );
    await queryRunner.query(
      `ALTER TABLE "caucus_note" DROP CONSTRAINT "FK_6b284f8e7c6d60fade6cae2af72"`,
    );
    await queryRunner.query(
      `ALTER TABLE "negotiation" DROP CONSTRAINT "FK_f10c3a5e2ee04e9c0bdf16aa79e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "negotiation" DROP CONSTRAINT "FK_0a35402c59c335b14e714461531"`,
    );
    await queryRunner.query(
      `ALTER TABLE "negotiation" DROP CONSTRAINT "FK_39dbda9e6eff887593fb53f195f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "negotiation" DROP CONSTRAINT "FK_3b3a799e8256c8aee1538f854f2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "negotiation" DROP CONSTRAINT "FK_6a362d076c62b4fa3881e32a7ed"`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_role" DROP CONSTRAINT "FK_ab0f1be4bcb43468b1a140e87b6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_role" DROP CONSTRAINT "FK_9a9f1af0ee8fab2683a16e8df7e"`,
    );
    await queryRunner.query(`ALTER TABLE "party" DROP CONSTRAINT "FK_ff06741bf1a6785b90f4ed4da5e"`);
    await queryRunner.query(`ALTER TABLE "party" DROP CONSTRAINT "FK_8665fbffa0f447c63365c12bc29"`);
    await queryRunner.query(
      `ALTER TABLE "region" DROP CONSTRAINT "FK_73a16baaad741cbb01fa629e95a"`,
    );
    await queryRunner.query(`DROP TABLE "negotiation_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_268af59ba4eaf52915bfed85f5"`);
    await queryRunner.query(`DROP TABLE "negotiation_deadline"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6d6e212a9c2ee971fe58e8952e"`);
    await queryRunner.query(`DROP TABLE "caucus_note"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e43bc6f509691a0f3b3dd7d173"`);
    await queryRunner.query(`DROP INDEX "public"."negotiation_one_live_round_per_pair"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0db1084b71092be857ae01c760"`);
    await queryRunner.query(`DROP TABLE "negotiation"`);
    await queryRunner.query(`DROP TABLE "policy_profile"`);
    await queryRunner.query(`DROP TABLE "idempotency_record"`);
    await queryRunner.query(`DROP TABLE "calendar_day"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9a9f1af0ee8fab2683a16e8df7"`);
    await queryRunner.query(`DROP TABLE "account_role"`);
    await queryRunner.query(`DROP TABLE "account"`);
    await queryRunner.query(`DROP TABLE "party"`);
    await queryRunner.query(`DROP TABLE "region"`);
    await queryRunner.query(`DROP TABLE "industry"`);
  }
}
