import { createHmac, timingSafeEqual } from 'node:crypto';

/** What checking a signed link found: a stale link is told apart from a forged one. */
export type LinkVerdict = 'valid' | 'expired' | 'invalid';

/**
 * Expiring links signed with an HMAC over their parts and their expiry (seconds since the epoch):
 * the signature and `exp` travel in the path, so nothing but the holder of the key can widen or
 * extend a link. Playback folders and downloadable documents both use it.
 */
export class LinkSigner {
  constructor(
    private readonly secret: string,
    readonly ttlSeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The expiry and signature of `parts`, valid for `ttlSeconds` (or the given lifetime) from now. */
  sign(parts: readonly string[], ttlSeconds = this.ttlSeconds): { exp: number; sig: string; expiresAt: Date } {
    const exp = Math.floor(this.now().getTime() / 1000) + ttlSeconds;
    return { exp, sig: this.mac(parts, exp), expiresAt: new Date(exp * 1000) };
  }

  /** `valid` only for an untampered, unexpired signature over exactly these parts. */
  check(parts: readonly string[], exp: string, sig: string): LinkVerdict {
    if (!/^\d{1,12}$/.test(exp)) return 'invalid';
    const expected = Buffer.from(this.mac(parts, Number(exp)));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return Number(exp) * 1000 > this.now().getTime() ? 'valid' : 'expired';
  }

  /** Seconds a link with this `exp` stays valid, for `Cache-Control`. */
  remainingSeconds(exp: string): number {
    return Math.max(0, Number(exp) - Math.floor(this.now().getTime() / 1000));
  }

  private mac(parts: readonly string[], exp: number): string {
    return createHmac('sha256', this.secret)
      .update([...parts, String(exp)].join('\n'))
      .digest('base64url');
  }
}
