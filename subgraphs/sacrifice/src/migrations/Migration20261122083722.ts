import { Migration } from '@mikro-orm/migrations';

export class Migration20261122083722 extends Migration {
  override name = 'Migration20261122083722';

  override up(): void | Promise<void> {
    this.addSql(`alter table "sacrifice" add "proof_outcome" text null, add "proof_video_id" uuid null;`);
    this.addSql(
      `alter table "sacrifice" add constraint "sacrifice_proof_outcome_check" check ("proof_outcome" in ('ALLOCATED', 'ASSIGNED', 'PERFORMED', 'VERIFIED', 'FLAGGED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sacrifice" drop constraint "sacrifice_proof_outcome_check";`);
    this.addSql(`alter table "sacrifice" drop column "proof_outcome", drop column "proof_video_id";`);
  }
}
