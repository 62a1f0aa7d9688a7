import { Migration } from '@mikro-orm/migrations';

export class Migration20261204205719 extends Migration {
  override name = 'Migration20261204205719';

  override up(): void | Promise<void> {
    this.addSql(`create index "sacrifice_access_site_id_index" on "sacrifice_access" ("site_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "sacrifice_access_site_id_index";`);
  }
}
