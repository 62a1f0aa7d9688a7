import { Migration } from '@mikro-orm/migrations';

export class Migration20261122054941 extends Migration {
  override name = 'Migration20261122054941';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "dead_letter" ("id" uuid not null, "consumer" text not null, "subject" text not null, "message_id" text not null, "payload" jsonb not null, "deliveries" int not null, "error" text not null, "created_at" timestamptz not null, "replayed_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "dead_letter" add constraint "dead_letter_consumer_message_uniq" unique ("consumer", "message_id");`,
    );

    this.addSql(
      `create table "inbox_message" ("consumer" text not null, "message_id" text not null, "processed_at" timestamptz not null, primary key ("consumer", "message_id"));`,
    );

    this.addSql(
      `create table "outbox_message" ("id" uuid not null, "subject" text not null, "payload" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, primary key ("id"));`,
    );
    this.addSql(`create index "outbox_message_unpublished_idx" on "outbox_message" ("id") where published_at is null;`);

    this.addSql(
      `create table "sacrifice_access" ("sacrifice_id" uuid not null, "executor_id" uuid null, "donor_ids" text[] not null, "updated_at" timestamptz not null, primary key ("sacrifice_id"));`,
    );
    this.addSql(`create index "sacrifice_access_executor_id_index" on "sacrifice_access" ("executor_id");`);

    this.addSql(
      `create table "video" ("id" uuid not null, "sacrifice_id" uuid not null, "status" text not null default 'AWAITING_UPLOAD', "attempt" int not null default 1, "storage_key" text null, "blurred_storage_key" text null, "duration_seconds" int null, "scene_check" text null, "name_check" text null, "evidence" jsonb null, "model_version" text null, "flagged_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "video_status_id_index" on "video" ("status", "id");`);
    this.addSql(
      `alter table "video" add constraint "video_sacrifice_id_attempt_unique" unique ("sacrifice_id", "attempt");`,
    );

    this.addSql(
      `create table "review_decision" ("id" uuid not null, "video_id" uuid not null, "reviewer_id" uuid not null, "decision" text not null, "reason" text null, "decided_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "review_decision_video_id_index" on "review_decision" ("video_id");`);

    this.addSql(
      `alter table "video" add constraint "video_sacrifice_id_foreign" foreign key ("sacrifice_id") references "sacrifice_access" ("sacrifice_id");`,
    );
    this.addSql(
      `alter table "video" add constraint "video_status_check" check ("status" in ('AWAITING_UPLOAD', 'UPLOADED', 'PROCESSING', 'VALIDATED', 'FLAGGED', 'APPROVED', 'REJECTED', 'FAILED'));`,
    );
    this.addSql(
      `alter table "video" add constraint "video_scene_check_check" check ("scene_check" in ('PASS', 'FAIL_SUSPECTED', 'MANUAL_REVIEW', 'UNAVAILABLE'));`,
    );
    this.addSql(
      `alter table "video" add constraint "video_name_check_check" check ("name_check" in ('PASS', 'FAIL_SUSPECTED', 'MANUAL_REVIEW', 'UNAVAILABLE'));`,
    );

    this.addSql(
      `alter table "review_decision" add constraint "review_decision_video_id_foreign" foreign key ("video_id") references "video" ("id");`,
    );
    this.addSql(
      `alter table "review_decision" add constraint "review_decision_decision_check" check ("decision" in ('APPROVE', 'REJECT'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "video" drop constraint "video_sacrifice_id_foreign";`);
    this.addSql(`alter table "review_decision" drop constraint "review_decision_video_id_foreign";`);

    this.addSql(`drop table if exists "dead_letter" cascade;`);
    this.addSql(`drop table if exists "inbox_message" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
    this.addSql(`drop table if exists "sacrifice_access" cascade;`);
    this.addSql(`drop table if exists "video" cascade;`);
    this.addSql(`drop table if exists "review_decision" cascade;`);
  }
}
