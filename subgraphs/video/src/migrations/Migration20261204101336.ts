import { Migration } from '@mikro-orm/migrations';

export class Migration20261204101336 extends Migration {
  override name = 'Migration20261204101336';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "partial_upload" ("id" uuid not null, "executor_id" uuid not null, "kind" text not null, "size_bytes" bigint not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "partial_upload_expires_at_index" on "partial_upload" ("expires_at");`);
    this.addSql(
      `create index "partial_upload_executor_id_expires_at_index" on "partial_upload" ("executor_id", "expires_at");`,
    );

    this.addSql(
      `alter table "partial_upload" add constraint "partial_upload_kind_check" check ("kind" in ('TUS', 'MULTIPART'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "partial_upload" cascade;`);
  }
}
