import type { CsvExport } from '@qurbani/kit';

/**
 * `GET /exports/review-decisions.csv`: every reviewer decision with its video, sacrifice and the
 * video's attempt, oldest first. The video subgraph knows sacrifices, not seasons: not filtered by season.
 */
export const reviewDecisionsCsv: CsvExport = {
  file: 'review-decisions.csv',
  what: 'review decisions',
  columns: ['id', 'video_id', 'sacrifice_id', 'attempt', 'reviewer_id', 'decision', 'reason', 'decided_at'],
  bySeason: false,
  page: (em, after, limit) =>
    em.execute(
      `select d.id, d.video_id, v.sacrifice_id, v.attempt, d.reviewer_id, d.decision, d.reason, d.decided_at
         from review_decision d join video v on v.id = d.video_id
        where d.id > ?
        order by d.id limit ?`,
      [after, limit],
    ),
};
