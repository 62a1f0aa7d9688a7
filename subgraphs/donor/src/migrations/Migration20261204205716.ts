import { Migration } from '@mikro-orm/migrations';

export class Migration20261204205716 extends Migration {
  override name = 'Migration20261204205716';

  override up(): void | Promise<void> {
    this.addSql(`create index "donor_order_site_payment_index" on "donor_order" ("site_id", "payment_status");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "donor_order_site_payment_index";`);
  }
}
