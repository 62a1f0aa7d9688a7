import { VideoStatus } from '../video/video.enums.js';
import type { Video } from '../video/video.entity.js';
import { PlaybackStatus, type VideoPlayback } from './playback.types.js';
import type { PlaybackSigner } from './signed-url.js';

const NO_FILE: readonly VideoStatus[] = [VideoStatus.AWAITING_UPLOAD, VideoStatus.FAILED];

/** Which links a video can have now, signed for the asked variant. */
export class PlaybackService {
  constructor(private readonly signer: PlaybackSigner) {}

  playback(video: Video, original: boolean): VideoPlayback {
    const empty = { blurred: !original, hlsUrl: null, fileUrl: null, thumbnailUrl: null, expiresAt: null };
    if (video.archivedAt) return { ...empty, status: PlaybackStatus.ARCHIVED };
    if (NO_FILE.includes(video.status) || !video.storageKey) return { ...empty, status: PlaybackStatus.UNAVAILABLE };
    const ready = !!video.renditionsReadyAt;
    const status = ready
      ? PlaybackStatus.READY
      : video.renditionsError
        ? PlaybackStatus.UNAVAILABLE
        : PlaybackStatus.PROCESSING;
    const folder = this.signer.sign(video.id, original ? 'original' : 'blurred');
    const at = (path: string) => folder.prefix + path;
    if (original) {
      return {
        blurred: false,
        status,
        expiresAt: folder.expiresAt,
        hlsUrl: ready ? at('hls/master.m3u8') : null,
        // The original plays as uploaded even before (or without) its ladder.
        fileUrl: at(video.storageKey.slice(video.storageKey.lastIndexOf('/') + 1)),
        thumbnailUrl: video.thumbnailKey ? at('thumb.jpg') : null,
      };
    }
    return {
      blurred: true,
      status,
      expiresAt: ready ? folder.expiresAt : null,
      hlsUrl: ready ? at('hls/master.m3u8') : null,
      fileUrl: ready ? at('video.mp4') : null,
      thumbnailUrl: ready ? at('thumb.jpg') : null,
    };
  }
}
