import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** Options of {@link makeClip}: a few seconds of test pattern, small, with a tone or spoken words. */
export interface ClipOptions {
  seconds?: number;
  /** `WxH`, e.g. `320x240`; portrait sizes work too. */
  size?: string;
  fps?: number;
  /** Words spoken by espeak-ng over the clip (else a 440 Hz tone). */
  speech?: string;
  /** No sound track at all. */
  silent?: boolean;
  /** Moves the index to the front (`+faststart`), as phones and most apps write it. */
  faststart?: boolean;
}

/** A scratch directory for clips, removed by `cleanup`. */
export async function clipDir(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'qurbani-clips-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Makes an H.264/AAC mp4 with ffmpeg (fast settings: keep clips short on shared CPUs). */
export async function makeClip(path: string, options: ClipOptions = {}): Promise<string> {
  const seconds = options.seconds ?? 3;
  const size = options.size ?? '320x240';
  const inputs = ['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${options.fps ?? 15}:duration=${seconds}`];
  if (options.speech) {
    const wav = `${path}.speech.wav`;
    await exec('espeak-ng', ['-w', wav, options.speech]);
    inputs.push('-i', wav);
  } else if (!options.silent) {
    inputs.push('-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`);
  }
  const audio = options.silent
    ? ['-an']
    : ['-map', '0:v', '-map', '1:a', '-c:a', 'aac', '-b:a', '64k', '-af', 'apad', '-t', String(seconds)];
  await exec('ffmpeg', [
    '-v',
    'error',
    '-nostdin',
    '-y',
    ...inputs,
    ...audio,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    ...(options.faststart === false ? [] : ['-movflags', '+faststart']),
    path,
  ]);
  if (options.speech) await rm(`${path}.speech.wav`, { force: true });
  return path;
}

/** Writes the first `fraction` of a file to `to`: an upload cut short, as a broken phone copy would be. */
export async function truncateCopy(from: string, to: string, fraction = 0.5): Promise<string> {
  const { size } = await stat(from);
  const source = await open(from, 'r');
  const target = await open(to, 'w');
  try {
    const buffer = Buffer.alloc(Math.floor(size * fraction));
    await source.read(buffer, 0, buffer.length, 0);
    await target.write(buffer);
  } finally {
    await source.close();
    await target.close();
  }
  return to;
}

/** Hex SHA-256 of a file. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** ffprobe's streams of a file (codec type, size, sample rate, channels). */
export async function probeStreams(
  path: string,
): Promise<
  { codec_type: string; codec_name: string; width?: number; height?: number; sample_rate?: string; channels?: number }[]
> {
  const { stdout } = await exec('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,codec_name,width,height,sample_rate,channels',
    '-of',
    'json',
    path,
  ]);
  return (JSON.parse(stdout) as { streams?: [] }).streams ?? [];
}
