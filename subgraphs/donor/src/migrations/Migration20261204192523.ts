import { Migration } from '@mikro-orm/migrations';

export class Migration20261204192523 extends Migration {
  override name = 'Migration20261204192523';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "site_archive" ("site_id" uuid not null, "archived" boolean not null, "version" int not null, primary key ("site_id"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "site_archive" cascade;`);
  }
}
