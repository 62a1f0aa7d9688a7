import { Migration } from '@mikro-orm/migrations';

export class Migration20261122084444 extends Migration {
  override name = 'Migration20261122084444';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "analysis" ("video_id" uuid not null, "sacrifice_id" uuid not null, "storage_key" text not null, "duration_seconds" double precision null, "status" text not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "lease_until" timestamptz null, "lease_token" uuid null, "waiting_for" text null, "last_error" text null, "outcome" text null, "result" jsonb null, "received_at" timestamptz not null, "finished_at" timestamptz null, primary key ("video_id"));`,
    );
    this.addSql(`create index "analysis_status_next_attempt_at_index" on "analysis" ("status", "next_attempt_at");`);

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

    this.addSql(
      `create table "sacrifice_expectation" ("sacrifice_id" uuid not null, "site_id" uuid null, "time_zone" text null, "species" text null, "names" text[] not null, "assigned_at" timestamptz null, "performed_at" timestamptz null, "updated_at" timestamptz not null, primary key ("sacrifice_id"));`,
    );
    this.addSql(`create index "sacrifice_expectation_site_id_index" on "sacrifice_expectation" ("site_id");`);

    this.addSql(
      `alter table "analysis" add constraint "analysis_status_check" check ("status" in ('PENDING', 'DONE'));`,
    );
    this.addSql(
      `alter table "analysis" add constraint "analysis_waiting_for_check" check ("waiting_for" in ('model', 'model-refused', 'expectation', 'media', 'error'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "analysis" cascade;`);
    this.addSql(`drop table if exists "dead_letter" cascade;`);
    this.addSql(`drop table if exists "inbox_message" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
    this.addSql(`drop table if exists "sacrifice_expectation" cascade;`);
  }
}
