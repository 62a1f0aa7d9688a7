import { Migration } from '@mikro-orm/migrations';

export class Migration20261122083902 extends Migration {
  override name = 'Migration20261122083902';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "notification" ("id" uuid not null, "recipient_account_id" uuid not null, "event_id" text not null, "kind" text not null, "params" jsonb not null, "text" text not null, "created_at" timestamptz not null, "read_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "notification_recipient_account_id_id_index" on "notification" ("recipient_account_id", "id");`,
    );
    this.addSql(`alter table "notification" add constraint "notification_event_id_unique" unique ("event_id");`);

    this.addSql(
      `create table "notification_delivery" ("id" uuid not null, "notification_id" uuid not null, "channel" text not null, "status" text not null, "detail" text null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_notification_id_channel_unique" unique ("notification_id", "channel");`,
    );

    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_notification_id_foreign" foreign key ("notification_id") references "notification" ("id");`,
    );
    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_channel_check" check ("channel" in ('SMS', 'EMAIL', 'WHATSAPP', 'PUSH', 'IN_APP'));`,
    );
    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_status_check" check ("status" in ('DELIVERED', 'QUEUED', 'FAILED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notification_delivery" drop constraint "notification_delivery_notification_id_foreign";`);

    this.addSql(`drop table if exists "notification" cascade;`);
    this.addSql(`drop table if exists "notification_delivery" cascade;`);
  }
}
