import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "One reviewer's work over a period, and what they hold now." })
export class ReviewerStats {
  @Field(() => ID) reviewerId!: string;
  @Field(() => Int) approved!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => Int, { description: 'Videos claimed now (unexpired leases).' }) claimed!: number;
}

/** Decisions per reviewer in [from, to], plus the claims each holds at `now`. */
export async function reviewerStats(em: EntityManager, now: Date, from: Date | null, to: Date | null) {
  const rows = await em.execute<ReviewerStats[]>(
    `select reviewer_id as "reviewerId",
            count(*) filter (where decision = 'APPROVE')::int as approved,
            count(*) filter (where decision = 'REJECT')::int as rejected, 0 as claimed
       from review_decision
      where (?::timestamptz is null or decided_at >= ?::timestamptz) and (?::timestamptz is null or decided_at <= ?::timestamptz)
      group by reviewer_id`,
    [from, from, to, to],
  );
  const claims = await em.execute<{ reviewerId: string; claimed: number }[]>(
    `select claimed_by as "reviewerId", count(*)::int as claimed from video
      where status = 'FLAGGED' and claimed_by is not null and claim_expires_at > ? group by claimed_by`,
    [now],
  );
  const byId = new Map(rows.map((r) => [r.reviewerId, r]));
  for (const c of claims) {
    const row = byId.get(c.reviewerId) ?? { reviewerId: c.reviewerId, approved: 0, rejected: 0, claimed: 0 };
    byId.set(c.reviewerId, { ...row, claimed: c.claimed });
  }
  return [...byId.values()].sort((a, b) => a.reviewerId.localeCompare(b.reviewerId));
}
