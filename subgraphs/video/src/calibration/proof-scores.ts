import { CheckResult } from '../video/video.enums.js';

/** Which script the expected names are written in: the name model's main variable besides the voice. */
type NameScript = 'LATIN' | 'ARABIC' | 'MIXED';

/**
 * What the models said about one video, reduced to what calibration needs, kept with a reviewer's
 * decision so later model versions or evidence formats do not change past labels.
 */
export interface ProofScores {
  readonly siteId: string | null;
  readonly sceneCheck: CheckResult | null;
  readonly nameCheck: CheckResult | null;
  /** The weakest of person, animal and knife in the best frame (0 for a role never seen); null when not computed. */
  readonly sceneScore: number | null;
  /** The weakest expected name's keyword score (the check needs every name); null when none was scored. */
  readonly nameScore: number | null;
  readonly nameScript: NameScript | null;
  readonly modelVersion: string | null;
}

const ROLES = ['person', 'animal', 'knife'] as const;
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/;
const LATIN = /[A-Za-z\u00C0-\u024F]/;

const record = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function sceneScore(scene: Record<string, unknown> | null): number | null {
  const frame = record(scene?.frame);
  if (frame && number(frame.minScore) !== null) return number(frame.minScore);
  const best = record(scene?.bestPerRole);
  if (!best) return null;
  return Math.min(...ROLES.map((role) => number(record(best[role])?.score) ?? 0));
}

function namesOf(names: Record<string, unknown> | null): { name: string; score: number | null }[] {
  const per = Array.isArray(names?.perName) ? names.perName : [];
  return per
    .map(record)
    .filter((p): p is Record<string, unknown> => p !== null && typeof p.name === 'string')
    .map((p) => ({ name: p.name as string, score: number(p.score) }));
}

function scriptOf(names: readonly string[]): NameScript | null {
  if (names.length === 0) return null;
  const arabic = names.some((n) => ARABIC.test(n));
  const latin = names.some((n) => LATIN.test(n));
  return arabic && latin ? 'MIXED' : arabic ? 'ARABIC' : 'LATIN';
}

/** Reads the scores out of a video's stored evidence (the model service's format), leaving null what is absent. */
export function proofScores(video: {
  siteId: string | null;
  sceneCheck: CheckResult | null;
  nameCheck: CheckResult | null;
  evidence: Record<string, unknown> | null;
  modelVersion: string | null;
}): ProofScores {
  const names = namesOf(record(video.evidence?.names));
  const scored = names.map((n) => n.score).filter((s): s is number => s !== null);
  return {
    siteId: video.siteId,
    sceneCheck: video.sceneCheck,
    nameCheck: video.nameCheck,
    sceneScore: sceneScore(record(video.evidence?.scene)),
    // A name never heard has no score: the weakest is unknown, not the weakest of the others.
    nameScore: scored.length > 0 && scored.length === names.length ? Math.min(...scored) : null,
    nameScript: scriptOf(names.map((n) => n.name)),
    modelVersion: video.modelVersion,
  };
}
