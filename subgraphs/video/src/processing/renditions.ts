import { run } from './ffmpeg.js';
import { scaleToShortSide } from './extract.js';
import type { MediaInfo } from './media-info.js';

export interface RenditionPlan {
  /** Rungs (short side in pixels) of the original's ladder and of the blurred copy's. */
  ladder: number[];
  blurredLadder: number[];
}

/** The rungs that exist for this source: none above its own size, and at least one. */
export function planRenditions(
  info: MediaInfo,
  ladder: readonly number[],
  blurredLadder: readonly number[],
): RenditionPlan {
  const short = Math.min(info.width, info.height);
  const fit = (rungs: readonly number[]) => {
    const kept = [...new Set(rungs)].filter((r) => r <= short).sort((a, b) => a - b);
    // A source smaller than every rung still gets one rung, at its own size.
    return kept.length > 0 ? kept : [short - (short % 2)];
  };
  return { ladder: fit(ladder), blurredLadder: fit(blurredLadder) };
}

/** Blur strong enough to hide gore and faces at the blurred copy's size, while motion stays visible. */
export const blurFilter = (rung: number) => `gblur=sigma=${Math.max(4, Math.round(rung / 48))}`;

function hlsOutput(labels: string[], rungs: number[], dir: string, preset: string): string[] {
  const maps = labels.flatMap((label) => ['-map', `[${label}]`, '-map', '0:a:0']);
  const streamMap = rungs.map((r, i) => `v:${i},a:${i},name:${r}p`).join(' ');
  return [
    ...maps,
    '-c:v',
    'libx264',
    '-preset',
    preset,
    '-crf',
    '26',
    '-pix_fmt',
    'yuv420p',
    // Keyframes every 2 s on every rung, so segments line up and players can switch rungs.
    '-force_key_frames',
    'expr:gte(t,n_forced*2)',
    '-sc_threshold',
    '0',
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    '-ac',
    '1',
    '-f',
    'hls',
    '-hls_time',
    '4',
    '-hls_playlist_type',
    'vod',
    '-hls_flags',
    'independent_segments',
    '-var_stream_map',
    streamMap,
    '-master_pl_name',
    'master.m3u8',
    '-hls_segment_filename',
    `${dir}/%v/seg_%03d.ts`,
    `${dir}/%v/index.m3u8`,
  ];
}

/**
 * One ffmpeg run, one decode: the original's HLS ladder, the blurred copy's HLS ladder and the
 * blurred mp4, all with the sound (the names are in it). The blur is computed once at the blurred
 * copy's top rung and scaled down from there.
 */
export function renditionArgs(
  input: string,
  info: MediaInfo,
  plan: RenditionPlan,
  out: { hls: string; blurredHls: string; blurredMp4: string },
  preset: string,
): string[] {
  const top = plan.blurredLadder[plan.blurredLadder.length - 1]!;
  const o = plan.ladder.map((_, i) => `o${i}`);
  const b = plan.blurredLadder.map((_, i) => `b${i}`);
  const graph = [
    `[0:v]split=2[src][bsrc]`,
    `[src]split=${o.length}${o.map((l) => `[${l}in]`).join('')}`,
    ...plan.ladder.map((r, i) => `[o${i}in]${scaleToShortSide(info, r)}[o${i}]`),
    `[bsrc]${scaleToShortSide(info, top)},${blurFilter(top)},split=${b.length + 1}[bmp4]${b.map((l) => `[${l}in]`).join('')}`,
    ...plan.blurredLadder.map((r, i) => `[b${i}in]${scaleToShortSide(info, r)}[b${i}]`),
  ].join(';');
  return [
    '-v',
    'error',
    '-nostdin',
    '-y',
    '-i',
    input,
    '-filter_complex',
    graph,
    ...hlsOutput(o, plan.ladder, out.hls, preset),
    ...hlsOutput(b, plan.blurredLadder, out.blurredHls, preset),
    '-map',
    '[bmp4]',
    '-map',
    '0:a:0',
    '-c:v',
    'libx264',
    '-preset',
    preset,
    '-crf',
    '26',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    '-movflags',
    '+faststart',
    out.blurredMp4,
  ];
}

/** Makes every rendition; a non-zero exit means the file broke half-way (its head probed fine). */
export async function makeRenditions(
  ffmpeg: string,
  args: string[],
  niceness: number,
): Promise<{ ok: boolean; error: string }> {
  const result = await run(ffmpeg, args, { niceness, timeoutMs: 60 * 60_000 });
  return { ok: result.code === 0, error: result.stderr.trim().split('\n').slice(-3).join(' ') };
}
