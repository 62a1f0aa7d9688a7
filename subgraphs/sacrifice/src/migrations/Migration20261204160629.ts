import { Migration } from '@mikro-orm/migrations';

export class Migration20261204160629 extends Migration {
  override name = 'Migration20261204160629';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "site_staff" ("id" uuid not null, "site_id" uuid not null, "account_id" uuid not null, "role" text not null, "added_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "site_staff" add constraint "site_staff_site_id_account_id_role_unique" unique ("site_id", "account_id", "role");`,
    );

    this.addSql(
      `create table "staff_account" ("account_id" uuid not null, "roles" text[] not null, "disabled" boolean not null default false, "updated_at" timestamptz not null, primary key ("account_id"));`,
    );

    this.addSql(
      `alter table "site_staff" add constraint "site_staff_role_check" check ("role" in ('EXECUTOR', 'DRIVER'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "site_staff" cascade;`);
    this.addSql(`drop table if exists "staff_account" cascade;`);
  }
}
