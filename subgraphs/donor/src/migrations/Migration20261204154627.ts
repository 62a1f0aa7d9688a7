import { Migration } from '@mikro-orm/migrations';

export class Migration20261204154627 extends Migration {
  override name = 'Migration20261204154627';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "payment_refund" ("id" uuid not null, "payment_id" uuid not null, "amount_minor" int not null, "reason" text not null, "reference" text not null, "provider_refund_id" text null, "requested_by" uuid not null, "requested_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "payment_refund" add constraint "payment_refund_reference_unique" unique ("payment_id", "reference");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "payment_refund" cascade;`);
  }
}
