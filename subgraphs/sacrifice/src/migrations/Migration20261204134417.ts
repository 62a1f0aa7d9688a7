import { Migration } from '@mikro-orm/migrations';

export class Migration20261204134417 extends Migration {
  override name = 'Migration20261204134417';

  override up(): void | Promise<void> {
    this.addSql(`alter table "sacrifice" add "share_count" smallint not null default 1;`);
    // Sacrifices allocated before the column: count their shares once.
    this.addSql(
      `update "sacrifice" s set "share_count" = c.n from (select "sacrifice_id", count(*) as n from "order_share" where "sacrifice_id" is not null group by "sacrifice_id") c where c."sacrifice_id" = s."id" and c.n <> 1;`,
    );
    this.addSql(`create index "sacrifice_dashboard_idx" on "sacrifice" ("site_id", "status") include ("share_count");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "sacrifice_dashboard_idx";`);
    this.addSql(`alter table "sacrifice" drop column "share_count";`);
  }
}
