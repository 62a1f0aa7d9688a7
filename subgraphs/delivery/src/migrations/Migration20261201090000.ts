import { Migration } from '@mikro-orm/migrations';

export class Migration20261201090000 extends Migration {
  override name = 'Migration20261201090000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "tracking_link" ("id" uuid not null, "delivery_id" uuid not null, "created_by" uuid not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "tracking_link_delivery_id_index" on "tracking_link" ("delivery_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "tracking_link" cascade;`);
  }
}
