import { SacrificeStatus } from '../sacrifice/sacrifice-status.js';

/** A certificate says the sacrifice was done: performed, or performed and its proof verified (not flagged). */
export const hasCertificate = (s: { status: string; performedAt: Date | null }): boolean =>
  s.performedAt != null && (s.status === SacrificeStatus.PERFORMED || s.status === SacrificeStatus.VERIFIED);

/** A number a person can read out: the year performed and the sacrifice id's first 8 hex digits. */
export const certificateNumber = (id: string, performedAt: Date): string =>
  `C-${performedAt.getUTCFullYear()}-${id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
