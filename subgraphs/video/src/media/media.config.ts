import { createMediaStores, mediaDir, type MediaStores, type StorageConfig } from '@qurbani/storage';
import { createHmac } from 'node:crypto';

/** Uploads, preprocessing, playback and archive; every field has a default for one machine. */
export interface MediaOptions {
  /** Hot and cold object stores; built from `storage` when absent. */
  stores?: MediaStores;
  /**
   * Where the hot and cold tiers are (`MEDIA_ROOT`, `MEDIA_COLD_ROOT`: directories, default `var/media`
   * and `var/media-cold`, or `s3://bucket/prefix` with the `S3_*` settings).
   */
  storage?: StorageConfig;
  /**
   * Partial resumable uploads (default `var/uploads`): always a local directory. On the hot store's
   * filesystem finished files are renamed; to a bucket they are sent as one multipart upload.
   */
  uploadDir?: string;
  /** Largest original accepted (default 2 GiB). */
  maxUploadBytes?: number;
  /** Largest file accepted by the one-request GraphQL multipart upload (default 64 MiB). */
  maxMultipartBytes?: number;
  /** MIME types an upload may declare. */
  contentTypes?: readonly string[];
  /** Partial uploads older than this are removed (default 2 days). */
  uploadExpiryMs?: number;
  /** Unfinished uploads (resumable or multipart) one executor may have at once (default 4). */
  maxPartialUploadsPerExecutor?: number;
  /** Declared bytes of one executor's unfinished uploads, together (default 4 GiB). */
  maxPartialBytesPerExecutor?: number;
  /** Declared bytes of everyone's unfinished uploads in the upload directory (default 50 GiB). */
  uploadBudgetBytes?: number;
  /** A new upload is refused when the upload directory's disk would keep less than this free (default 2 GiB). */
  minFreeUploadBytes?: number;
  /** How often expired partial uploads are removed (default hourly; 0 turns it off). */
  uploadSweepIntervalMs?: number;
  /** HMAC key of playback URLs (default: derived from the internal secret). */
  playbackSecret?: string;
  /** Lifetime of a playback URL (default 1 h). */
  playbackTtlSeconds?: number;
  /** Origin put in front of playback paths (a CDN); default none: paths on the gateway's origin. */
  publicBaseUrl?: string;
  /** Run the preprocessing consumers and the archive sweep in the subgraph process (default true). */
  inlineWorker?: boolean;
  preprocessConcurrency?: number;
  renditionConcurrency?: number;
  /** Short sides of the original's HLS rungs (default 240, 480, 720; never above the source). */
  ladder?: readonly number[];
  /** Rungs of the blurred copy (default 240, 480: a blurred picture has no detail for more). */
  blurredLadder?: readonly number[];
  /** x264 preset of the renditions (default `veryfast`). */
  x264Preset?: string;
  /** CPU niceness of rendition encodes, so they never slow the AI checks (default 10). */
  niceness?: number;
  minDurationSeconds?: number;
  maxDurationSeconds?: number;
  archiveAfterDays?: number;
  /** A restored video stays hot this long before the sweep may archive it again (default 7). */
  restoredKeepDays?: number;
  /** How often the archive sweep runs (default hourly; 0 turns it off). */
  archiveIntervalMs?: number;
  ffmpegPath?: string;
  ffprobePath?: string;
}

export type MediaSettings = Required<Omit<MediaOptions, 'storage'>>;

const DEFAULT_CONTENT_TYPES = ['video/mp4', 'video/quicktime', 'video/webm', 'video/x-matroska', 'video/3gpp'] as const;

/** Fills every default; `internalSecret` seeds the playback key when none is configured. */
export function mediaSettings(options: MediaOptions = {}, internalSecret: string): MediaSettings {
  return {
    stores: options.stores ?? createMediaStores(options.storage),
    uploadDir: mediaDir(options.uploadDir, 'var/uploads'),
    maxUploadBytes: options.maxUploadBytes ?? 2 * 1024 ** 3,
    maxMultipartBytes: options.maxMultipartBytes ?? 64 * 1024 ** 2,
    contentTypes: options.contentTypes ?? DEFAULT_CONTENT_TYPES,
    uploadExpiryMs: options.uploadExpiryMs ?? 2 * 86_400_000,
    maxPartialUploadsPerExecutor: options.maxPartialUploadsPerExecutor ?? 4,
    maxPartialBytesPerExecutor: options.maxPartialBytesPerExecutor ?? 4 * 1024 ** 3,
    uploadBudgetBytes: options.uploadBudgetBytes ?? 50 * 1024 ** 3,
    minFreeUploadBytes: options.minFreeUploadBytes ?? 2 * 1024 ** 3,
    uploadSweepIntervalMs: options.uploadSweepIntervalMs ?? 3_600_000,
    playbackSecret:
      options.playbackSecret ?? createHmac('sha256', internalSecret).update('qurbani-playback-v1').digest('base64url'),
    playbackTtlSeconds: options.playbackTtlSeconds ?? 3600,
    publicBaseUrl: (options.publicBaseUrl ?? '').replace(/\/$/, ''),
    inlineWorker: options.inlineWorker ?? true,
    preprocessConcurrency: options.preprocessConcurrency ?? 2,
    renditionConcurrency: options.renditionConcurrency ?? 1,
    ladder: options.ladder ?? [240, 480, 720],
    blurredLadder: options.blurredLadder ?? [240, 480],
    x264Preset: options.x264Preset ?? 'veryfast',
    niceness: options.niceness ?? 10,
    minDurationSeconds: options.minDurationSeconds ?? 1,
    maxDurationSeconds: options.maxDurationSeconds ?? 600,
    archiveAfterDays: options.archiveAfterDays ?? 90,
    restoredKeepDays: options.restoredKeepDays ?? 7,
    archiveIntervalMs: options.archiveIntervalMs ?? 3_600_000,
    ffmpegPath: options.ffmpegPath ?? 'ffmpeg',
    ffprobePath: options.ffprobePath ?? 'ffprobe',
  };
}
