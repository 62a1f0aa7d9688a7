import { stat } from 'node:fs/promises';
import { run } from './ffmpeg.js';
import type { MediaInfo } from './media-info.js';
import { RejectedMedia } from './probe.js';

/** Bytes per second of 16 kHz mono 16-bit PCM. */
const WAV_RATE = 16_000 * 2;

/**
 * Writes the sound track as a 16 kHz mono wav (what speech models want). Reading the whole track
 * is also the cheapest way to find a truncated upload: its container still announces the full
 * duration, but the data stops early.
 */
export async function extractAudio(ffmpeg: string, input: string, output: string, info: MediaInfo): Promise<void> {
  const result = await run(
    ffmpeg,
    [
      '-v',
      'error',
      '-nostdin',
      '-y',
      '-i',
      input,
      '-map',
      '0:a:0',
      '-vn',
      '-ac',
      '1',
      '-ar',
      '16000',
      '-c:a',
      'pcm_s16le',
      '-f',
      'wav',
      output,
    ],
    { timeoutMs: 10 * 60_000 },
  );
  if (result.code !== 0)
    throw new RejectedMedia(
      'The sound of the video could not be read: the file is damaged. Upload it again, or record again.',
    );
  const seconds = Math.max(0, (await stat(output)).size - 44) / WAV_RATE;
  const missing = info.durationSeconds - seconds;
  if (/partial file|Invalid data found/i.test(result.stderr) || missing > Math.max(1.5, info.durationSeconds * 0.1)) {
    throw new RejectedMedia(
      `The file is incomplete: it stops after ${seconds.toFixed(1)} s of ${info.durationSeconds.toFixed(1)} s. Upload it again from the phone.`,
    );
  }
}

/** `scale` filter that brings the short side to `side` (never above the source) and keeps the aspect ratio. */
export function scaleToShortSide(info: Pick<MediaInfo, 'width' | 'height'>, side: number): string {
  const target = Math.min(side, Math.min(info.width, info.height));
  return info.width >= info.height ? `scale=-2:${target}` : `scale=${target}:-2`;
}

/** A poster frame a second in (or half-way through a shorter clip). */
export async function extractThumbnail(
  ffmpeg: string,
  input: string,
  output: string,
  info: MediaInfo,
  filter = '',
): Promise<void> {
  const at = Math.min(1, info.durationSeconds / 2).toFixed(2);
  const vf = [scaleToShortSide(info, 360), filter].filter(Boolean).join(',');
  const result = await run(
    ffmpeg,
    ['-v', 'error', '-nostdin', '-y', '-ss', at, '-i', input, '-frames:v', '1', '-vf', vf, '-q:v', '4', output],
    { timeoutMs: 60_000 },
  );
  if (result.code !== 0)
    throw new RejectedMedia(
      'No picture could be read from the video: the file is damaged. Upload it again, or record again.',
    );
}
