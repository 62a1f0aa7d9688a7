import { Migration } from '@mikro-orm/migrations';

export class Migration20261204130509 extends Migration {
  override name = 'Migration20261204130509';

  override up(): void | Promise<void> {
    this.addSql(`alter table "delivery" add "pin_encrypted" text null;`);

    this.addSql(`alter table "recipient" add "language" text not null default 'en';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "delivery" drop column "pin_encrypted";`);

    this.addSql(`alter table "recipient" drop column "language";`);
  }
}
