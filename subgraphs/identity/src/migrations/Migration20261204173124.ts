import { Migration } from '@mikro-orm/migrations';

export class Migration20261204173124 extends Migration {
  override name = 'Migration20261204173124';

  override up(): void | Promise<void> {
    this.addSql(`alter table "outbox_message" add "trace_parent" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "outbox_message" drop column "trace_parent";`);
  }
}
