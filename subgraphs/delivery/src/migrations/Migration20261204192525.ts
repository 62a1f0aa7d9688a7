import { Migration } from '@mikro-orm/migrations';

export class Migration20261204192525 extends Migration {
  override name = 'Migration20261204192525';

  override up(): void | Promise<void> {
    this.addSql(`alter table "recipient" add "archived_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "recipient" drop column "archived_at";`);
  }
}
