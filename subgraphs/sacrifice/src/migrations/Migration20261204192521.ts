import { Migration } from '@mikro-orm/migrations';

export class Migration20261204192521 extends Migration {
  override name = 'Migration20261204192521';

  override up(): void | Promise<void> {
    this.addSql(`alter table "site" add "archived_at" timestamptz null, add "archive_version" int not null default 0;`);

    this.addSql(`alter table "animal" drop constraint "animal_status_check";`);
    this.addSql(
      `alter table "animal" add constraint "animal_status_check" check ("status" in ('AVAILABLE', 'ALLOCATED', 'SACRIFICED', 'UNFIT', 'ARCHIVED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "animal" drop constraint "animal_status_check";`);
    this.addSql(
      `alter table "animal" add constraint "animal_status_check" check ("status" in ('AVAILABLE', 'ALLOCATED', 'SACRIFICED', 'UNFIT'));`,
    );

    this.addSql(`alter table "site" drop column "archived_at", drop column "archive_version";`);
  }
}
