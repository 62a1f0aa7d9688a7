import { Migration } from '@mikro-orm/migrations';

export class Migration20261204134418 extends Migration {
  override name = 'Migration20261204134418';

  override up(): void | Promise<void> {
    // Hides recorded before the column take their allocation's site.
    this.addSql(`alter table "hide" add "site_id" uuid null;`);
    this.addSql(
      `update "hide" h set "site_id" = a."site_id" from "allocated_sacrifice" a where a."sacrifice_id" = h."sacrifice_id";`,
    );
    this.addSql(`alter table "hide" alter column "site_id" set not null;`);
    this.addSql(`create index "hide_site_id_status_preserve_by_index" on "hide" ("site_id", "status", "preserve_by");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "hide_site_id_status_preserve_by_index";`);
    this.addSql(`alter table "hide" drop column "site_id";`);
  }
}
