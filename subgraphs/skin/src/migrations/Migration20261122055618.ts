import { Migration } from '@mikro-orm/migrations';

export class Migration20261122055618 extends Migration {
  override name = 'Migration20261122055618';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "allocated_sacrifice" ("sacrifice_id" uuid not null, "site_id" uuid not null, "species" text not null, "donor_ids" text[] not null, "allocated_at" timestamptz not null, primary key ("sacrifice_id"));`,
    );

    this.addSql(
      `create table "buyer" ("id" uuid not null, "name" text not null, "contact_encrypted" text not null, "created_at" timestamptz not null, primary key ("id"));`,
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
      `create table "lot" ("id" uuid not null, "code" text not null, "status" text not null default 'OPEN', "total_weight_kg" numeric(10,2) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "lot" add constraint "lot_code_unique" unique ("code");`);

    this.addSql(
      `create table "hide" ("id" uuid not null, "sacrifice_id" uuid not null, "species" text not null, "collected_at" timestamptz not null, "preserve_by" timestamptz not null, "preserved_at" timestamptz null, "grade" text null, "weight_kg" numeric(7,2) not null, "status" text not null default 'COLLECTED', "lot_id" uuid null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "hide_lot_id_index" on "hide" ("lot_id");`);
    this.addSql(`create index "hide_status_preserve_by_index" on "hide" ("status", "preserve_by");`);
    this.addSql(`alter table "hide" add constraint "hide_sacrifice_id_unique" unique ("sacrifice_id");`);

    this.addSql(
      `create table "outbox_message" ("id" uuid not null, "subject" text not null, "payload" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, primary key ("id"));`,
    );
    this.addSql(`create index "outbox_message_unpublished_idx" on "outbox_message" ("id") where published_at is null;`);

    this.addSql(
      `create table "sale" ("id" uuid not null, "lot_id" uuid not null, "buyer_id" uuid not null, "price_minor" int not null, "fees_minor" int not null default 0, "proceeds_minor" int not null, "currency" text not null, "sold_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "sale" add constraint "sale_lot_id_unique" unique ("lot_id");`);
    this.addSql(`create index "sale_buyer_id_index" on "sale" ("buyer_id");`);

    this.addSql(`alter table "lot" add constraint "lot_status_check" check ("status" in ('OPEN', 'CLOSED', 'SOLD'));`);

    this.addSql(
      `alter table "hide" add constraint "hide_sacrifice_id_foreign" foreign key ("sacrifice_id") references "allocated_sacrifice" ("sacrifice_id");`,
    );
    this.addSql(
      `alter table "hide" add constraint "hide_lot_id_foreign" foreign key ("lot_id") references "lot" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "hide" add constraint "hide_species_check" check ("species" in ('SHEEP', 'GOAT', 'COW', 'CAMEL'));`,
    );
    this.addSql(`alter table "hide" add constraint "hide_grade_check" check ("grade" in ('A', 'B', 'C', 'REJECTED'));`);
    this.addSql(
      `alter table "hide" add constraint "hide_status_check" check ("status" in ('COLLECTED', 'PRESERVED', 'GRADED', 'IN_LOT', 'SOLD', 'SPOILED'));`,
    );

    this.addSql(
      `alter table "sale" add constraint "sale_lot_id_foreign" foreign key ("lot_id") references "lot" ("id");`,
    );
    this.addSql(
      `alter table "sale" add constraint "sale_buyer_id_foreign" foreign key ("buyer_id") references "buyer" ("id");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "hide" drop constraint "hide_sacrifice_id_foreign";`);
    this.addSql(`alter table "sale" drop constraint "sale_buyer_id_foreign";`);
    this.addSql(`alter table "hide" drop constraint "hide_lot_id_foreign";`);
    this.addSql(`alter table "sale" drop constraint "sale_lot_id_foreign";`);

    this.addSql(`drop table if exists "allocated_sacrifice" cascade;`);
    this.addSql(`drop table if exists "buyer" cascade;`);
    this.addSql(`drop table if exists "dead_letter" cascade;`);
    this.addSql(`drop table if exists "inbox_message" cascade;`);
    this.addSql(`drop table if exists "lot" cascade;`);
    this.addSql(`drop table if exists "hide" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
    this.addSql(`drop table if exists "sale" cascade;`);
  }
}
