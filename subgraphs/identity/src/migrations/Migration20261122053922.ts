import { Migration } from '@mikro-orm/migrations';

export class Migration20261122053922 extends Migration {
  override name = 'Migration20261122053922';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "account" ("id" uuid not null, "display_name" text not null, "roles" text[] not null, "login_digest" text not null, "login_encrypted" text not null, "password_hash" text not null, "created_at" timestamptz not null, "disabled_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "account" add constraint "account_login_digest_unique" unique ("login_digest");`);

    this.addSql(
      `create table "refresh_token" ("id" uuid not null, "family_id" uuid not null, "account_id" uuid not null, "token_digest" text not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "refresh_token_family_id_index" on "refresh_token" ("family_id");`);
    this.addSql(
      `alter table "refresh_token" add constraint "refresh_token_token_digest_unique" unique ("token_digest");`,
    );

    this.addSql(
      `alter table "account" add constraint "account_roles_check" check ("roles" <@ array['DONOR'::text, 'EXECUTOR'::text, 'REVIEWER'::text, 'DRIVER'::text, 'ORGANIZER'::text]);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "account" cascade;`);
    this.addSql(`drop table if exists "refresh_token" cascade;`);
  }
}
