import { Migration } from '@mikro-orm/migrations';

export class Migration20261204132601 extends Migration {
  override name = 'Migration20261204132601';

  override up(): void | Promise<void> {
    this.addSql(
      `create index "sacrifice_site_performed_idx" on "sacrifice" ("site_id", "performed_at") where "performed_at" is not null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "sacrifice_site_performed_idx";`);
  }
}
