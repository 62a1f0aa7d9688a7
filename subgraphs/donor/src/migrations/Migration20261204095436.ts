import { Migration } from '@mikro-orm/migrations';

export class Migration20261204095436 extends Migration {
  override name = 'Migration20261204095436';

  override up(): void | Promise<void> {
    this.addSql(`alter table "donor_order" add "cancellation_status" text null, add "cancellation_reason" text null;`);
    this.addSql(
      `alter table "donor_order" add constraint "donor_order_cancellation_status_check" check ("cancellation_status" in ('REQUESTED', 'CONFIRMED', 'REFUSED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "donor_order" drop constraint "donor_order_cancellation_status_check";`);
    this.addSql(`alter table "donor_order" drop column "cancellation_status", drop column "cancellation_reason";`);
  }
}
