import { Migration } from '@mikro-orm/migrations';

export class Migration20261122054923 extends Migration {
  override name = 'Migration20261122054923';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "dead_letter" ("id" uuid not null, "consumer" text not null, "subject" text not null, "message_id" text not null, "payload" jsonb not null, "deliveries" int not null, "error" text not null, "created_at" timestamptz not null, "replayed_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "dead_letter" add constraint "dead_letter_consumer_message_uniq" unique ("consumer", "message_id");`,
    );

    this.addSql(
      `create table "donor" ("id" uuid not null, "language" text not null default 'EN', "contact_channels" text[] not null, "phone_encrypted" text null, "blur_videos_by_default" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );

    this.addSql(
      `create table "inbox_message" ("consumer" text not null, "message_id" text not null, "processed_at" timestamptz not null, primary key ("consumer", "message_id"));`,
    );

    this.addSql(
      `create table "donor_order" ("id" uuid not null, "donor_id" uuid not null, "client_request_id" text not null, "species" text not null, "share_count" int not null, "shares" jsonb not null, "amount_minor" int not null, "currency" text not null, "payment_status" text not null default 'PENDING', "status" text not null default 'PLACED', "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "donor_order_status_id_index" on "donor_order" ("status", "id");`);
    this.addSql(`create index "donor_order_donor_id_index" on "donor_order" ("donor_id", "id");`);
    this.addSql(
      `alter table "donor_order" add constraint "donor_order_donor_request_unique" unique ("donor_id", "client_request_id");`,
    );

    this.addSql(
      `create table "outbox_message" ("id" uuid not null, "subject" text not null, "payload" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, primary key ("id"));`,
    );
    this.addSql(`create index "outbox_message_unpublished_idx" on "outbox_message" ("id") where published_at is null;`);

    this.addSql(
      `create table "payment" ("id" uuid not null, "order_id" uuid not null, "amount_minor" int not null, "currency" text not null, "provider" text not null, "reference" text not null, "status" text not null default 'PAID', "recorded_by" uuid not null, "recorded_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "payment_order_id_index" on "payment" ("order_id");`);
    this.addSql(
      `alter table "payment" add constraint "payment_provider_reference_unique" unique ("provider", "reference");`,
    );

    this.addSql(`alter table "donor" add constraint "donor_language_check" check ("language" in ('AR', 'FR', 'EN'));`);
    this.addSql(
      `alter table "donor" add constraint "donor_contact_channels_check" check ("contact_channels" <@ array['SMS'::text, 'EMAIL'::text, 'WHATSAPP'::text, 'PUSH'::text, 'IN_APP'::text]);`,
    );

    this.addSql(
      `alter table "donor_order" add constraint "donor_order_species_check" check ("species" in ('SHEEP', 'GOAT', 'COW', 'CAMEL'));`,
    );
    this.addSql(
      `alter table "donor_order" add constraint "donor_order_payment_status_check" check ("payment_status" in ('PENDING', 'PAID', 'FAILED', 'REFUNDED'));`,
    );
    this.addSql(
      `alter table "donor_order" add constraint "donor_order_status_check" check ("status" in ('PLACED', 'ALLOCATED', 'SACRIFICED', 'VERIFIED', 'DELIVERED', 'CANCELLED'));`,
    );

    this.addSql(
      `alter table "payment" add constraint "payment_status_check" check ("status" in ('PENDING', 'PAID', 'FAILED', 'REFUNDED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "dead_letter" cascade;`);
    this.addSql(`drop table if exists "donor" cascade;`);
    this.addSql(`drop table if exists "inbox_message" cascade;`);
    this.addSql(`drop table if exists "donor_order" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
    this.addSql(`drop table if exists "payment" cascade;`);
  }
}
