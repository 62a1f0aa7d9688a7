import { Migration } from '@mikro-orm/migrations';

export class Migration20261204132919 extends Migration {
  override name = 'Migration20261204132919';

  override up(): void | Promise<void> {
    this.addSql(`create index "allocated_sacrifice_site_id_index" on "allocated_sacrifice" ("site_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "allocated_sacrifice_site_id_index";`);
  }
}
