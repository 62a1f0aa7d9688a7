import { Migration } from '@mikro-orm/migrations';

export class Migration20261122085404 extends Migration {
  override name = 'Migration20261122085404';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "route_position" ("id" uuid not null, "route_id" uuid not null, "bucket" bigint not null, "fix_time" timestamptz not null, "point_encrypted" text not null, "accuracy" real null, "speed" real null, "received_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "route_position" add constraint "route_position_route_bucket_uniq" unique ("route_id", "bucket");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "route_position" cascade;`);
  }
}
