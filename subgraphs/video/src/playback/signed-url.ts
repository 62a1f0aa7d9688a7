import { LinkSigner, MEDIA_PATH } from '@qurbani/kit';
import type { PlaybackVariantName } from '../media/media-keys.js';

/** A signed folder of one video variant: append a path inside it (`hls/master.m3u8`). */
export interface SignedFolder {
  readonly prefix: string;
  readonly expiresAt: Date;
}

/**
 * Expiring playback links (the kit's `LinkSigner`). One signature covers a whole variant folder
 * until `exp`, in the path (`/media/<videoId>/<variant>/<exp>/<sig>/...`) rather than the query
 * string, so the relative segment paths inside HLS playlists inherit it and any player can follow them.
 */
export class PlaybackSigner {
  private readonly links: LinkSigner;

  constructor(
    secret: string,
    ttlSeconds: number,
    now: () => Date,
    private readonly baseUrl = '',
  ) {
    this.links = new LinkSigner(secret, ttlSeconds, now);
  }

  sign(videoId: string, variant: PlaybackVariantName): SignedFolder {
    const { exp, sig, expiresAt } = this.links.sign([videoId, variant]);
    return { prefix: `${this.baseUrl}${MEDIA_PATH}/${videoId}/${variant}/${exp}/${sig}/`, expiresAt };
  }

  /** `valid` only for an untampered, unexpired link; `expired` tells a stale link from a forged one. */
  check(videoId: string, variant: string, exp: string, sig: string): 'valid' | 'expired' | 'invalid' {
    if (variant !== 'original' && variant !== 'blurred') return 'invalid';
    return this.links.check([videoId, variant], exp, sig);
  }

  /** Seconds the link stays valid, for `Cache-Control`. */
  remainingSeconds(exp: string): number {
    return this.links.remainingSeconds(exp);
  }
}
