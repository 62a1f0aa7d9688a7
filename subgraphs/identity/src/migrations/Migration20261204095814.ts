import { Migration } from '@mikro-orm/migrations';

export class Migration20261204095814 extends Migration {
  override name = 'Migration20261204095814';

  override up(): void | Promise<void> {
    this.addSql(`create index "refresh_token_account_id_index" on "refresh_token" ("account_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "refresh_token_account_id_index";`);
  }
}
