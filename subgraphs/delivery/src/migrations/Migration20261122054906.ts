import { Migration } from '@mikro-orm/migrations';

export class Migration20261122054906 extends Migration {
  override name = 'Migration20261122054906';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "allocated_sacrifice" ("sacrifice_id" uuid not null, "site_id" uuid not null, "species" text not null, "donor_ids" text[] not null, "allocated_at" timestamptz not null, primary key ("sacrifice_id"));`,
    );

    this.addSql(
      `create table "dead_letter" ("id" uuid not null, "consumer" text not null, "subject" text not null, "message_id" text not null, "payload" jsonb not null, "deliveries" int not null, "error" text not null, "created_at" timestamptz not null, "replayed_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "dead_letter" add constraint "dead_letter_consumer_message_uniq" unique ("consumer", "message_id");`,
    );

    this.addSql(
      `create table "delivery" ("id" uuid not null, "recipient_id" uuid not null, "pack_id" uuid not null, "campaign" text not null, "driver_id" uuid null, "route_id" uuid null, "stop_index" int null, "status" text not null default 'PLANNED', "eta" timestamptz null, "delivered_at" timestamptz null, "proof_photo_key" text null, "pin_salt" text not null, "pin_hash" text not null, "pin_failures" int not null default 0, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "delivery" add constraint "delivery_pack_id_unique" unique ("pack_id");`);
    this.addSql(`create index "delivery_driver_id_index" on "delivery" ("driver_id");`);
    this.addSql(`create index "delivery_route_id_index" on "delivery" ("route_id");`);
    this.addSql(
      `alter table "delivery" add constraint "delivery_recipient_campaign_uniq" unique ("recipient_id", "campaign");`,
    );

    this.addSql(
      `create table "inbox_message" ("consumer" text not null, "message_id" text not null, "processed_at" timestamptz not null, primary key ("consumer", "message_id"));`,
    );

    this.addSql(
      `create table "meat_pack" ("id" uuid not null, "sacrifice_id" uuid not null, "weight_grams" int not null, "status" text not null default 'PACKED', "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "meat_pack_sacrifice_id_index" on "meat_pack" ("sacrifice_id");`);

    this.addSql(
      `create table "outbox_message" ("id" uuid not null, "subject" text not null, "payload" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, primary key ("id"));`,
    );
    this.addSql(`create index "outbox_message_unpublished_idx" on "outbox_message" ("id") where published_at is null;`);

    this.addSql(
      `create table "recipient" ("id" uuid not null, "name" text not null, "household_size" int not null, "region" text not null, "priority" int not null, "phone_encrypted" text not null, "address_encrypted" text not null, "location_encrypted" text null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "recipient_region_priority_index" on "recipient" ("region", "priority");`);

    this.addSql(
      `create table "route" ("id" uuid not null, "driver_id" uuid not null, "status" text not null default 'PLANNED', "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "route_driver_id_index" on "route" ("driver_id");`);

    this.addSql(
      `alter table "delivery" add constraint "delivery_status_check" check ("status" in ('PLANNED', 'ASSIGNED', 'OUT_FOR_DELIVERY', 'DELIVERED', 'FAILED'));`,
    );

    this.addSql(
      `alter table "meat_pack" add constraint "meat_pack_status_check" check ("status" in ('PACKED', 'ASSIGNED', 'OUT_FOR_DELIVERY', 'DELIVERED'));`,
    );

    this.addSql(
      `alter table "route" add constraint "route_status_check" check ("status" in ('PLANNED', 'ACTIVE', 'DONE'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "allocated_sacrifice" cascade;`);
    this.addSql(`drop table if exists "dead_letter" cascade;`);
    this.addSql(`drop table if exists "delivery" cascade;`);
    this.addSql(`drop table if exists "inbox_message" cascade;`);
    this.addSql(`drop table if exists "meat_pack" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
    this.addSql(`drop table if exists "recipient" cascade;`);
    this.addSql(`drop table if exists "route" cascade;`);
  }
}
