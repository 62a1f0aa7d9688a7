import { Migration } from '@mikro-orm/migrations';

export class Migration20261122084716 extends Migration {
  override name = 'Migration20261122084716';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "video" add "size_bytes" bigint null, add "sha256" text null, add "content_type" text null, add "uploaded_at" timestamptz null, add "failure_reason" text null, add "media_info" jsonb null, add "audio_key" text null, add "thumbnail_key" text null, add "renditions_ready_at" timestamptz null, add "renditions_error" text null, add "archived_at" timestamptz null, add "restored_at" timestamptz null;`,
    );
    this.addSql(`create index "video_archive_due_idx" on "video" ("created_at") where "archived_at" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "video_archive_due_idx";`);
    this.addSql(
      `alter table "video" drop column "size_bytes", drop column "sha256", drop column "content_type", drop column "uploaded_at", drop column "failure_reason", drop column "media_info", drop column "audio_key", drop column "thumbnail_key", drop column "renditions_ready_at", drop column "renditions_error", drop column "archived_at", drop column "restored_at";`,
    );
  }
}
