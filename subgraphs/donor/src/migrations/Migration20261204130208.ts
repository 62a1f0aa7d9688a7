import { Migration } from '@mikro-orm/migrations';

export class Migration20261204130208 extends Migration {
  override name = 'Migration20261204130208';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "push_device" ("id" uuid not null, "account_id" uuid not null, "kind" text not null, "token_encrypted" text not null, "token_digest" text not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "push_device_account_id_index" on "push_device" ("account_id");`);
    this.addSql(`alter table "push_device" add constraint "push_device_token_digest_unique" unique ("token_digest");`);

    this.addSql(`alter table "donor" drop constraint "donor_language_check";`);
    this.addSql(
      `alter table "donor" add "email_encrypted" text null, add "time_zone" text null, add "quiet_hours" text null;`,
    );
    this.addSql(
      `alter table "donor" add constraint "donor_language_check" check ("language" in ('AR', 'FR', 'EN', 'UR', 'BN', 'HA'));`,
    );

    this.addSql(`alter table "notification" add "replays" int not null default 0;`);

    this.addSql(`alter table "notification_delivery" drop constraint "notification_delivery_status_check";`);
    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_status_check" check ("status" in ('QUEUED', 'SENT', 'DELIVERED', 'FAILED', 'UNREGISTERED', 'DEAD'));`,
    );

    this.addSql(`alter table "push_device" add constraint "push_device_kind_check" check ("kind" in ('WEB', 'FCM'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "push_device" cascade;`);

    this.addSql(`alter table "donor" drop constraint "donor_language_check";`);
    this.addSql(
      `alter table "donor" drop column "email_encrypted", drop column "time_zone", drop column "quiet_hours";`,
    );
    this.addSql(`alter table "donor" add constraint "donor_language_check" check ("language" in ('AR', 'FR', 'EN'));`);

    this.addSql(`alter table "notification" drop column "replays";`);

    this.addSql(`alter table "notification_delivery" drop constraint "notification_delivery_status_check";`);
    this.addSql(
      `alter table "notification_delivery" add constraint "notification_delivery_status_check" check ("status" in ('DELIVERED', 'QUEUED', 'FAILED'));`,
    );
  }
}
