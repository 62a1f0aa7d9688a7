import { Migration } from '@mikro-orm/migrations';

export class Migration20261204161058 extends Migration {
  override name = 'Migration20261204161058';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "site_driver" ("site_id" uuid not null, "account_id" uuid not null, primary key ("site_id", "account_id"));`,
    );

    this.addSql(
      `create table "staff_account" ("account_id" uuid not null, "roles" text[] not null, "disabled" boolean not null default false, "updated_at" timestamptz not null, primary key ("account_id"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "site_driver" cascade;`);
    this.addSql(`drop table if exists "staff_account" cascade;`);
  }
}
