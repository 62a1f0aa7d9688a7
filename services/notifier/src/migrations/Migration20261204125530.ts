import { Migration } from '@mikro-orm/migrations';

export class Migration20261204125530 extends Migration {
  override name = 'Migration20261204125530';

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

    this.addSql(
      `create table "send" ("id" uuid not null, "idempotency_key" text not null, "event_id" text not null, "notification_id" uuid null, "recipient_kind" text not null, "recipient_id" uuid not null, "channel" text not null, "kind" text not null, "language" text not null, "params" jsonb not null, "sealed" text null, "push_device_id" text null, "state" text not null default 'PENDING', "due_at" timestamptz not null, "lease_until" timestamptz null, "attempts" int not null default 0, "provider" text null, "provider_message_id" text null, "detail" text null, "fallback_of" uuid null, "created_at" timestamptz not null, "sent_at" timestamptz null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "send_provider_provider_message_id_index" on "send" ("provider", "provider_message_id");`,
    );
    this.addSql(`create index "send_state_due_at_index" on "send" ("state", "due_at");`);
    this.addSql(`alter table "send" add constraint "send_idempotency_key_unique" unique ("idempotency_key");`);

    this.addSql(
      `alter table "send" add constraint "send_channel_check" check ("channel" in ('SMS', 'EMAIL', 'WHATSAPP', 'PUSH'));`,
    );
    this.addSql(
      `alter table "send" add constraint "send_state_check" check ("state" in ('PENDING', 'SENDING', 'SENT', 'DELIVERED', 'FAILED', 'UNREGISTERED', 'DEAD'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "dead_letter" cascade;`);
    this.addSql(`drop table if exists "inbox_message" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
    this.addSql(`drop table if exists "send" cascade;`);
  }
}
