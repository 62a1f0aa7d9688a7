import { Migration } from '@mikro-orm/migrations';

export class Migration20261204160805 extends Migration {
  override name = 'Migration20261204160805';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "delivery_photo" ("id" uuid not null, "delivery_id" uuid not null, "driver_id" uuid not null, "storage_key" text not null, "content_type" text not null, "size_bytes" int not null, "sha256" text not null, "uploaded_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "delivery_photo_delivery_idx" on "delivery_photo" ("delivery_id", "driver_id");`);

    this.addSql(`alter table "delivery" add "photo_required" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "delivery_photo" cascade;`);

    this.addSql(`alter table "delivery" drop column "photo_required";`);
  }
}
