import { Migration } from '@mikro-orm/migrations';

export class Migration20261122055405 extends Migration {
  override name = 'Migration20261122055405';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "cancelled_order" ("order_id" uuid not null, "cancelled_at" timestamptz not null, primary key ("order_id"));`,
    );

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
      `create table "season" ("id" uuid not null, "name" text not null, "hijri_year" int not null, "day10" date not null, "day13" date not null, "window_start_local" text not null, "window_end_local" text not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "season" add constraint "season_hijri_year_unique" unique ("hijri_year");`);

    this.addSql(
      `create table "site" ("id" uuid not null, "season_id" uuid not null, "name" text not null, "region" text not null, "time_zone" text not null, "window_start_local" text null, "window_end_local" text null, "latitude" double precision null, "longitude" double precision null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "site" add constraint "site_season_id_name_unique" unique ("season_id", "name");`);

    this.addSql(
      `create table "animal" ("id" uuid not null, "site_id" uuid not null, "season_id" uuid not null, "species" text not null, "tag" text not null, "weight_kg" double precision null, "status" text not null default 'AVAILABLE', "shares_capacity" int not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "animal_season_id_species_status_index" on "animal" ("season_id", "species", "status");`);
    this.addSql(`alter table "animal" add constraint "animal_season_id_tag_unique" unique ("season_id", "tag");`);

    this.addSql(
      `create table "sacrifice" ("id" uuid not null, "animal_id" uuid not null, "site_id" uuid not null, "season_id" uuid not null, "species" text not null, "order_ids" text[] not null, "donor_ids" text[] not null, "executor_id" uuid null, "status" text not null default 'ALLOCATED', "assigned_at" timestamptz null, "performed_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "sacrifice" add constraint "sacrifice_animal_id_unique" unique ("animal_id");`);
    this.addSql(`create index "sacrifice_executor_id_index" on "sacrifice" ("executor_id");`);
    this.addSql(`create index "sacrifice_donor_ids_index" on "sacrifice" using gin ("donor_ids");`);
    this.addSql(`create index "sacrifice_order_ids_index" on "sacrifice" using gin ("order_ids");`);
    this.addSql(`create index "sacrifice_site_id_status_index" on "sacrifice" ("site_id", "status");`);

    this.addSql(
      `create table "order_share" ("share_id" uuid not null, "order_id" uuid not null, "donor_id" uuid not null, "species" text not null, "offered_for" text not null, "sacrifice_id" uuid null, "received_at" timestamptz not null, primary key ("share_id"));`,
    );
    this.addSql(`create index "order_share_order_id_index" on "order_share" ("order_id");`);
    this.addSql(`create index "order_share_donor_id_index" on "order_share" ("donor_id");`);
    this.addSql(`create index "order_share_sacrifice_id_index" on "order_share" ("sacrifice_id");`);
    this.addSql(
      `create index "order_share_pending_idx" on "order_share" ("species", "share_id") where "sacrifice_id" is null;`,
    );

    this.addSql(
      `alter table "site" add constraint "site_season_id_foreign" foreign key ("season_id") references "season" ("id");`,
    );

    this.addSql(
      `alter table "animal" add constraint "animal_site_id_foreign" foreign key ("site_id") references "site" ("id");`,
    );
    this.addSql(
      `alter table "animal" add constraint "animal_season_id_foreign" foreign key ("season_id") references "season" ("id");`,
    );
    this.addSql(
      `alter table "animal" add constraint "animal_species_check" check ("species" in ('SHEEP', 'GOAT', 'COW', 'CAMEL'));`,
    );
    this.addSql(
      `alter table "animal" add constraint "animal_status_check" check ("status" in ('AVAILABLE', 'ALLOCATED', 'SACRIFICED', 'UNFIT'));`,
    );

    this.addSql(
      `alter table "sacrifice" add constraint "sacrifice_animal_id_foreign" foreign key ("animal_id") references "animal" ("id");`,
    );
    this.addSql(
      `alter table "sacrifice" add constraint "sacrifice_site_id_foreign" foreign key ("site_id") references "site" ("id");`,
    );
    this.addSql(
      `alter table "sacrifice" add constraint "sacrifice_season_id_foreign" foreign key ("season_id") references "season" ("id");`,
    );
    this.addSql(
      `alter table "sacrifice" add constraint "sacrifice_species_check" check ("species" in ('SHEEP', 'GOAT', 'COW', 'CAMEL'));`,
    );
    this.addSql(
      `alter table "sacrifice" add constraint "sacrifice_status_check" check ("status" in ('ALLOCATED', 'ASSIGNED', 'PERFORMED', 'VERIFIED', 'FLAGGED'));`,
    );

    this.addSql(
      `alter table "order_share" add constraint "order_share_sacrifice_id_foreign" foreign key ("sacrifice_id") references "sacrifice" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "order_share" add constraint "order_share_species_check" check ("species" in ('SHEEP', 'GOAT', 'COW', 'CAMEL'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "site" drop constraint "site_season_id_foreign";`);
    this.addSql(`alter table "animal" drop constraint "animal_season_id_foreign";`);
    this.addSql(`alter table "sacrifice" drop constraint "sacrifice_season_id_foreign";`);
    this.addSql(`alter table "animal" drop constraint "animal_site_id_foreign";`);
    this.addSql(`alter table "sacrifice" drop constraint "sacrifice_site_id_foreign";`);
    this.addSql(`alter table "sacrifice" drop constraint "sacrifice_animal_id_foreign";`);
    this.addSql(`alter table "order_share" drop constraint "order_share_sacrifice_id_foreign";`);

    this.addSql(`drop table if exists "cancelled_order" cascade;`);
    this.addSql(`drop table if exists "dead_letter" cascade;`);
    this.addSql(`drop table if exists "inbox_message" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
    this.addSql(`drop table if exists "season" cascade;`);
    this.addSql(`drop table if exists "site" cascade;`);
    this.addSql(`drop table if exists "animal" cascade;`);
    this.addSql(`drop table if exists "sacrifice" cascade;`);
    this.addSql(`drop table if exists "order_share" cascade;`);
  }
}
