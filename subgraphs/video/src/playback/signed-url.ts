import { createHmac, timingSafeEqual } from 'node:crypto';
import { MEDIA_PATH } from '@qurbani/kit';
import type { PlaybackVariantName } from '../media/media-keys.js';

/** A signed folder of one video variant: append a path inside it (`hls/master.m3u8`). */
export interface SignedFolder {
  readonly prefix: string;
  readonly expiresAt: Date;
}

/**
 * Expiring playback links. One signature covers a whole variant folder until `exp`, in the path
 * (`/media/<videoId>/<variant>/<exp>/<sig>/...`) rather than the query string, so the relative
 * segment paths inside HLS playlists inherit it and any player can follow them.
 */
export class PlaybackSigner {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => Date,
    private readonly baseUrl = '',
  ) {}

  sign(videoId: string, variant: PlaybackVariantName): SignedFolder {
    const exp = Math.floor(this.now().getTime() / 1000) + this.ttlSeconds;
    return {
      prefix: `${this.baseUrl}${MEDIA_PATH}/${videoId}/${variant}/${exp}/${this.mac(videoId, variant, exp)}/`,
      expiresAt: new Date(exp * 1000),
    };
  }

  /** `valid` only for an untampered, unexpired link; `expired` tells a stale link from a forged one. */
  check(videoId: string, variant: string, exp: string, sig: string): 'valid' | 'expired' | 'invalid' {
    if ((variant !== 'original' && variant !== 'blurred') || !/^\d{1,12}$/.test(exp)) return 'invalid';
    const expected = Buffer.from(this.mac(videoId, variant, Number(exp)));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return Number(exp) * 1000 > this.now().getTime() ? 'valid' : 'expired';
  }

  /** Seconds the link stays valid, for `Cache-Control`. */
  remainingSeconds(exp: string): number {
    return Math.max(0, Number(exp) - Math.floor(this.now().getTime() / 1000));
  }

  private mac(videoId: string, variant: string, exp: number): string {
    return createHmac('sha256', this.secret).update(`${videoId}\n${variant}\n${exp}`).digest('base64url');
  }
}
