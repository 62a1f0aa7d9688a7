import { Migration } from '@mikro-orm/migrations';

export class Migration20261204161002 extends Migration {
  override name = 'Migration20261204161002';

  override up(): void | Promise<void> {
    this.addSql(`alter table "analysis" add "trace_parent" text null;`);

    this.addSql(`alter table "outbox_message" add "trace_parent" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "analysis" drop column "trace_parent";`);

    this.addSql(`alter table "outbox_message" drop column "trace_parent";`);
  }
}
