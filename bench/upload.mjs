// `node bench/upload.mjs`: proof-video uploads through the gateway, and preprocessing.
// 1. A 1 GiB file through the gateway's resumable (tus) endpoint: once as one streamed PATCH, once in
//    64 MiB chunks, sampling the gateway's RSS every 50 ms (goal: at most 50 MB of growth).
// 2. A 60 s 720p clip: time from "upload complete" to `video.uploaded-preprocessed` (what the AI
//    waits for) and to the playback renditions (HLS ladders, blurred copy), with the default settings.
// The gateway and the video subgraph run as separate processes; everything the run creates
// (databases, stream, Redis keys, files, processes) is removed at the end. See BENCHMARKS.md.
import { connectNats } from '@qurbani/events';
import { ResumableVideoUpload } from '@qurbani/sdk';
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { runSettings, teardown } from './lib/resources.mjs';
import { freePort } from './lib/free-port.mjs';

const root = new URL('../', import.meta.url).pathname;
const GIB = 1024 ** 3;
const SIZE = Number(process.env.BENCH_UPLOAD_BYTES ?? GIB);
const CHUNK = 64 * 1024 ** 2;
const CLIP_SECONDS = Number(process.env.BENCH_CLIP_SECONDS ?? 60);
const exec = promisify(execFile);

async function startProcess(name, script, env, readyUrl, flags = []) {
  const child = spawn(process.execPath, [...flags, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    if (
      await fetch(readyUrl).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = () => {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    return exited.finally(() => clearTimeout(force));
  };
  return { pid: child.pid, stop };
}

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

/** Samples a process's RSS while `work` runs; returns the work's result with the peak. */
async function sampled(pid, work) {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 50);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, rssMb(pid)) };
  } finally {
    clearInterval(timer);
  }
}

/** Writes `size` random bytes and returns their SHA-256, hashing on the way. */
async function randomFile(path, size) {
  const file = await open(path, 'w');
  const hash = createHash('sha256');
  for (let written = 0; written < size; written += 8 * 1024 ** 2) {
    const chunk = randomBytes(Math.min(8 * 1024 ** 2, size - written));
    hash.update(chunk);
    await file.write(chunk);
  }
  await file.close();
  return hash.digest('hex');
}

async function sha256File(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 ** 2 })) hash.update(chunk);
  return hash.digest('hex');
}

const streamOf = (path, start, end) => Readable.toWeb(createReadStream(path, { start, end, highWaterMark: 1024 ** 2 }));

async function main() {
  const settings = runSettings();
  const dir = await mkdtemp(join(tmpdir(), 'qurbani-bench-upload-'));
  const stops = [];
  const db = new pg.Client({ connectionString: `${settings.baseUrl}/${settings.dbNames.video}` });
  const executorId = randomUUID();
  try {
    const videoPort = await freePort();
    const gatewayPort = await freePort();
    const common = {
      INTERNAL_JWT_SECRET: settings.secrets.internalSecret,
      NATS_URL: settings.natsUrl,
      NATS_STREAM: settings.streamName,
      NATS_SUBJECT_PREFIX: settings.subjectPrefix,
    };
    const video = await startProcess(
      'video',
      join(root, 'subgraphs/video/dist/src/index.js'),
      {
        ...common,
        VIDEO_PORT: String(videoPort),
        VIDEO_DB: settings.dbNames.video,
        DATABASE_URL_BASE: settings.baseUrl,
        MEDIA_ROOT: join(dir, 'media'),
        MEDIA_COLD_ROOT: join(dir, 'cold'),
        UPLOAD_DIR: join(dir, 'uploads'),
        VIDEO_MAX_UPLOAD_BYTES: String(2 * GIB),
        VIDEO_INLINE_WORKER: 'true',
      },
      `http://127.0.0.1:${videoPort}/health/ready`,
    );
    stops.push(video.stop);
    const gateway = await startProcess(
      'gateway',
      join(root, 'gateway/dist/src/index.js'),
      {
        ...common,
        GATEWAY_PORT: String(gatewayPort),
        HOST: '127.0.0.1',
        ACCESS_TOKEN_SECRET: settings.secrets.accessTokenSecret,
        REDIS_URL: settings.redisUrl,
        REDIS_PREFIX: settings.redisPrefix,
        SUBGRAPH_URLS: `video=http://127.0.0.1:${videoPort}/graphql`,
      },
      `http://127.0.0.1:${gatewayPort}/health/live`,
      ['--max-semi-space-size=64'],
    );
    stops.push(gateway.stop);
    const origin = `http://127.0.0.1:${gatewayPort}`;
    const token = jwt.sign(
      { sub: executorId, roles: ['EXECUTOR'], sid: randomUUID() },
      settings.secrets.accessTokenSecret,
      {
        algorithm: 'HS256',
        audience: 'qurbani-api',
        issuer: 'qurbani-identity',
        expiresIn: 3600,
      },
    );

    // Sacrifices assigned to the executor arrive as events, as in production; then the executor opens uploads.
    const nats = await connectNats(settings.natsUrl);
    const newVideo = async () => {
      const sacrificeId = randomUUID();
      await nats.js.publish(
        `${settings.subjectPrefix}.sacrifice.assigned`,
        JSON.stringify({ sacrificeId, executorId, donorIds: [] }),
        { msgID: randomUUID() },
      );
      for (let i = 0; i < 100; i++) {
        const res = await fetch(`${origin}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: 'mutation($s: ID!) { requestVideoUpload(sacrificeId: $s) { id } }',
            variables: { s: sacrificeId },
          }),
        }).then((r) => r.json());
        if (res.data) return res.data.requestVideoUpload.id;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no video');
    };
    await db.connect();

    const big = join(dir, 'big.bin');
    console.error(`writing ${SIZE} random bytes...`);
    const bigSha = await randomFile(big, SIZE);
    // Warm-up: a small upload through the same paths, so the baseline holds the loaded code.
    const warm = join(dir, 'warm.bin');
    const warmSha = await randomFile(warm, 4 * 1024 ** 2);
    {
      const up = new ResumableVideoUpload({
        origin,
        accessToken: token,
        videoId: await newVideo(),
        contentType: 'video/mp4',
        size: 4 * 1024 ** 2,
        sha256: warmSha,
      });
      await up.create();
      await up.patch(0, streamOf(warm));
    }
    await new Promise((r) => setTimeout(r, 2000));

    const rows = [];
    for (const mode of ['one streamed PATCH', `${CHUNK / 1024 ** 2} MiB PATCHes`]) {
      const videoId = await newVideo();
      const up = new ResumableVideoUpload({
        origin,
        accessToken: token,
        videoId,
        contentType: 'video/mp4',
        size: SIZE,
        sha256: bigSha,
      });
      global.gc?.();
      const baseline = rssMb(gateway.pid);
      const started = performance.now();
      const { result, peak } = await sampled(gateway.pid, async () => {
        await up.create();
        if (mode.startsWith('one')) return up.patch(0, streamOf(big));
        let last;
        for (let offset = 0; offset < SIZE; offset += CHUNK)
          last = await up.patch(offset, streamOf(big, offset, Math.min(offset + CHUNK, SIZE) - 1));
        return last;
      });
      const seconds = (performance.now() - started) / 1000;
      if (result.videoStatus !== 'UPLOADED') throw new Error(`upload ended with ${JSON.stringify(result)}`);
      rows.push({
        mode,
        seconds,
        mbps: SIZE / 1024 ** 2 / seconds,
        baseline,
        peak,
        growth: peak - baseline,
        subgraphRss: rssMb(video.pid),
      });
      // The random bytes are refused by preprocessing (not a video); drop the stored copy to save disk.
      await rm(join(dir, 'media', 'videos', videoId), { recursive: true, force: true });
    }
    await rm(big, { force: true });

    console.error(`making a ${CLIP_SECONDS} s 720p clip...`);
    const clip = join(dir, 'clip.mp4');
    await exec('ffmpeg', [
      '-v',
      'error',
      '-nostdin',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=1280x720:rate=30:duration=${CLIP_SECONDS}`,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=440:duration=${CLIP_SECONDS}`,
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-crf',
      '30',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-movflags',
      '+faststart',
      '-shortest',
      clip,
    ]);
    const clipSize = (await stat(clip)).size;
    const videoId = await newVideo();
    const up = new ResumableVideoUpload({
      origin,
      accessToken: token,
      videoId,
      contentType: 'video/mp4',
      size: clipSize,
      sha256: await sha256File(clip),
    });
    await up.create();
    const t0 = performance.now();
    await up.patch(0, streamOf(clip));
    const tUploaded = performance.now();
    let tPre;
    let tRenditions;
    let row;
    while (!tRenditions && performance.now() - tUploaded < 15 * 60_000) {
      ({
        rows: [row],
      } = await db.query('select status, renditions_ready_at, renditions_error, media_info from video where id = $1', [
        videoId,
      ]));
      if (!tPre && row.status !== 'UPLOADED') tPre = performance.now();
      if (row.renditions_ready_at || row.renditions_error) tRenditions = performance.now();
      await new Promise((r) => setTimeout(r, 100));
    }
    await nats.close();

    console.log(
      `\n| upload of ${(SIZE / 1024 ** 2).toFixed(0)} MiB through the gateway | seconds | MiB/s | gateway RSS before (MB) | gateway RSS peak (MB) | growth (MB) | video subgraph RSS after (MB) |`,
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rows) {
      console.log(
        `| ${r.mode} | ${r.seconds.toFixed(1)} | ${r.mbps.toFixed(0)} | ${r.baseline.toFixed(0)} | ${r.peak.toFixed(0)} | ${r.growth.toFixed(1)} | ${r.subgraphRss.toFixed(0)} |`,
      );
    }
    console.log(`\n| ${CLIP_SECONDS} s 720p clip (${(clipSize / 1024 ** 2).toFixed(1)} MiB) | seconds |`);
    console.log('| --- | --- |');
    console.log(`| upload through the gateway | ${((tUploaded - t0) / 1000).toFixed(1)} |`);
    console.log(
      `| upload complete -> video.uploaded-preprocessed (probe, 16 kHz wav, poster) | ${((tPre - tUploaded) / 1000).toFixed(1)} |`,
    );
    console.log(
      `| upload complete -> renditions stored (${row.media_info?.ladder?.join('/')}p ladder, blurred ${row.media_info?.blurredLadder?.join('/')}p + mp4, preset ${process.env.VIDEO_X264_PRESET ?? 'veryfast'}, nice 10) | ${((tRenditions - tUploaded) / 1000).toFixed(1)} |`,
    );
    if (row.renditions_error) console.log(`renditions failed: ${row.renditions_error}`);
  } finally {
    await db.end().catch(() => undefined);
    for (const stop of stops.reverse()) await stop();
    await teardown(settings);
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
