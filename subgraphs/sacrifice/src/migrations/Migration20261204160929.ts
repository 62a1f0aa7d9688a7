import { Migration } from '@mikro-orm/migrations';

export class Migration20261204160929 extends Migration {
  override name = 'Migration20261204160929';

  override up(): void | Promise<void> {
    this.addSql(`alter table "outbox_message" add "trace_parent" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "outbox_message" drop column "trace_parent";`);
  }
}
