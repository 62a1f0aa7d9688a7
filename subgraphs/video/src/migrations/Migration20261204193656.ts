import { Migration } from '@mikro-orm/migrations';

export class Migration20261204193656 extends Migration {
  override name = 'Migration20261204193656';

  override up(): void | Promise<void> {
    this.addSql(`alter table "sacrifice_access" add "site_id" uuid null;`);

    this.addSql(`alter table "review_decision" add "failed_checks" text[] null, add "scores" jsonb null;`);
    this.addSql(`create index "review_decision_decided_at_index" on "review_decision" ("decided_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "review_decision_decided_at_index";`);
    this.addSql(`alter table "review_decision" drop column "failed_checks", drop column "scores";`);

    this.addSql(`alter table "sacrifice_access" drop column "site_id";`);
  }
}
