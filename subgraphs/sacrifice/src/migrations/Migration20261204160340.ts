import { Migration } from '@mikro-orm/migrations';

export class Migration20261204160340 extends Migration {
  override name = 'Migration20261204160340';

  override up(): void | Promise<void> {
    this.addSql(`alter table "animal" add "unfit_reason" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "animal" drop column "unfit_reason";`);
  }
}
