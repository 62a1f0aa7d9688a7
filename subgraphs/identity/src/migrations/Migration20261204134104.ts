import { Migration } from '@mikro-orm/migrations';

export class Migration20261204134104 extends Migration {
  override name = 'Migration20261204134104';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "audit_record" ("id" uuid not null, "seq" bigint not null, "scope" text not null, "at" timestamptz not null, "actor_id" text null, "actor_roles" text[] not null, "action" text not null, "entity_type" text not null, "entity_ids" text[] not null, "before" jsonb null, "after" jsonb null, "request_id" text null, "prev_hash" text not null, "hash" text not null, primary key ("id"));`,
    );
    this.addSql(`alter table "audit_record" add constraint "audit_record_seq_unique" unique ("seq");`);
    this.addSql(`create index "audit_record_entity_ids_index" on "audit_record" using gin ("entity_ids");`);
    this.addSql(`create index "audit_record_action_at_index" on "audit_record" ("action", "at");`);
    this.addSql(`create index "audit_record_actor_id_at_index" on "audit_record" ("actor_id", "at");`);
    this.addSql(`create index "audit_record_entity_type_at_index" on "audit_record" ("entity_type", "at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_record" cascade;`);
  }
}
