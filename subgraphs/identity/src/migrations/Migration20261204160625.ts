import { Migration } from '@mikro-orm/migrations';

export class Migration20261204160625 extends Migration {
  override name = 'Migration20261204160625';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "dead_letter" ("id" uuid not null, "consumer" text not null, "subject" text not null, "message_id" text not null, "payload" jsonb not null, "deliveries" int not null, "error" text not null, "created_at" timestamptz not null, "replayed_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "dead_letter" add constraint "dead_letter_consumer_message_uniq" unique ("consumer", "message_id");`,
    );

    this.addSql(
      `create table "inbox_message" ("consumer" text not null, "message_id" text not null, "processed_at" timestamptz not null, primary key ("consumer", "message_id"));`,
    );

    this.addSql(
      `create table "outbox_message" ("id" uuid not null, "subject" text not null, "payload" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, primary key ("id"));`,
    );
    this.addSql(`create index "outbox_message_unpublished_idx" on "outbox_message" ("id") where published_at is null;`);

    // Staff accounts made before identity announced roles: announce them once, so assignments keep working.
    this.addSql(
      `insert into "outbox_message" ("id", "subject", "payload", "created_at") select gen_random_uuid(), 'account.roles-set', jsonb_build_object('accountId', "id", 'roles', to_jsonb("roles"), 'disabled', "disabled_at" is not null), now() from "account" where not ("roles" <@ array['DONOR']::text[]);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "dead_letter" cascade;`);
    this.addSql(`drop table if exists "inbox_message" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
  }
}
