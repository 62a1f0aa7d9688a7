import { Migration } from '@mikro-orm/migrations';

export class Migration20261204132803 extends Migration {
  override name = 'Migration20261204132803';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "paid_order" ("order_id" uuid not null, "paid_at" timestamptz not null, primary key ("order_id"));`,
    );

    this.addSql(
      `create table "share_price" ("id" uuid not null, "season_id" uuid not null, "site_id" uuid not null, "species" text not null, "amount_minor" int not null, "currency" text not null, "version" int not null default 1, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "share_price_site_id_index" on "share_price" ("site_id");`);
    this.addSql(
      `alter table "share_price" add constraint "share_price_site_species_unique" unique ("site_id", "species");`,
    );

    this.addSql(`alter table "order_share" add "site_id" uuid null;`);

    this.addSql(
      `alter table "share_price" add constraint "share_price_species_check" check ("species" in ('SHEEP', 'GOAT', 'COW', 'CAMEL'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "paid_order" cascade;`);
    this.addSql(`drop table if exists "share_price" cascade;`);

    this.addSql(`alter table "order_share" drop column "site_id";`);
  }
}
