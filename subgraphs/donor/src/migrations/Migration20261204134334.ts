import { Migration } from '@mikro-orm/migrations';

export class Migration20261204134334 extends Migration {
  override name = 'Migration20261204134334';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "provider_event" ("provider" text not null, "event_id" text not null, "type" text not null, "received_at" timestamptz not null, primary key ("provider", "event_id"));`,
    );

    this.addSql(`alter table "donor_order" drop constraint "donor_order_payment_status_check";`);
    this.addSql(
      `alter table "donor_order" add constraint "donor_order_payment_status_check" check ("payment_status" in ('PENDING', 'PAID', 'FAILED', 'REFUNDED', 'PARTIALLY_REFUNDED'));`,
    );

    this.addSql(`alter table "payment" drop constraint "payment_status_check";`);
    this.addSql(
      `alter table "payment" add "refunded_minor" int not null default 0, add "updated_at" timestamptz null;`,
    );
    this.addSql(
      `alter table "payment" add constraint "payment_status_check" check ("status" in ('PENDING', 'PAID', 'FAILED', 'REFUNDED', 'PARTIALLY_REFUNDED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "provider_event" cascade;`);

    this.addSql(`alter table "donor_order" drop constraint "donor_order_payment_status_check";`);
    this.addSql(
      `alter table "donor_order" add constraint "donor_order_payment_status_check" check ("payment_status" in ('PENDING', 'PAID', 'FAILED', 'REFUNDED'));`,
    );

    this.addSql(`alter table "payment" drop constraint "payment_status_check";`);
    this.addSql(`alter table "payment" drop column "refunded_minor", drop column "updated_at";`);
    this.addSql(
      `alter table "payment" add constraint "payment_status_check" check ("status" in ('PENDING', 'PAID', 'FAILED', 'REFUNDED'));`,
    );
  }
}
