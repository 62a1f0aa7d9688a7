import { Migration } from '@mikro-orm/migrations';

export class Migration20261204132808 extends Migration {
  override name = 'Migration20261204132808';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "site_price" ("site_id" uuid not null, "species" text not null, "season_id" uuid not null, "amount_minor" int not null, "currency" text not null, "version" int not null, primary key ("site_id", "species"));`,
    );

    this.addSql(`alter table "donor_order" drop constraint "donor_order_status_check";`);
    this.addSql(
      `alter table "donor_order" add "site_id" uuid null, add "season_id" uuid null, add "unit_price_minor" int null, add "donation_minor" int not null default 0, add "expires_at" timestamptz null;`,
    );
    this.addSql(`create index "donor_order_unpaid_expiry_index" on "donor_order" ("payment_status", "expires_at");`);
    this.addSql(
      `alter table "donor_order" add constraint "donor_order_status_check" check ("status" in ('PLACED', 'ALLOCATED', 'SACRIFICED', 'VERIFIED', 'DELIVERED', 'CANCELLED', 'EXPIRED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "site_price" cascade;`);

    this.addSql(`drop index "donor_order_unpaid_expiry_index";`);
    this.addSql(`alter table "donor_order" drop constraint "donor_order_status_check";`);
    this.addSql(
      `alter table "donor_order" drop column "site_id", drop column "season_id", drop column "unit_price_minor", drop column "donation_minor", drop column "expires_at";`,
    );
    this.addSql(
      `alter table "donor_order" add constraint "donor_order_status_check" check ("status" in ('PLACED', 'ALLOCATED', 'SACRIFICED', 'VERIFIED', 'DELIVERED', 'CANCELLED'));`,
    );
  }
}
