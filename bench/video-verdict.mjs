// Time from `video.uploaded-preprocessed` to `video.processed-final` for one proof video: the AI
// step of the pipeline (orchestrator + Python model service), on this machine.
// Usage (after `npm run build`): node bench/video-verdict.mjs [--seconds 60] [--size 1280x720] [--runs 3] [--names 7]
// Needs PostgreSQL and NATS (as `npm start`), ffmpeg, espeak-ng and the model service's Debian packages.
import { connectNats, Subject } from '@qurbani/events';
import { dropDatabases, testRunId } from '@qurbani/kit/testing';
import { startOrchestrator } from '@qurbani/orchestrator';
import { makeFakeSceneModel, makeSpokenClip, modelService } from '@qurbani/orchestrator/testing';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    size: { type: 'string', default: '1280x720' },
    runs: { type: 'string', default: '3' },
    names: { type: 'string', default: '7' },
  },
});
const NAMES = [
  'Yusuf Ibrahim',
  'Maryam Siddiqui',
  'Zainab Malik',
  'Amina Khan',
  'Bilal Ahmed',
  'Hamza Qureshi',
  'Fatima Zahra',
].slice(0, Number(args.names));
const DAY_NAMES = ['Karim Benali', 'Omar Haddad', 'Khadija Ali', 'Ibrahim Musa', 'Aisha Bello', 'Salma Yusuf'];
const baseUrl = process.env.DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

const run = testRunId();
const dir = mkdtempSync(join(tmpdir(), 'bench-verdict-'));
const mediaRoot = join(dir, 'media');
const streamName = `QURBANI_BENCH_${run.toUpperCase()}`;
const subjectPrefix = streamName.toLowerCase();
const dbName = `qurbani_orchestrator_bench_${run}`;

console.log(`making a ${args.seconds} s ${args.size} clip with ${NAMES.length} names spoken...`);
const clip = makeSpokenClip(join(dir, 'clip.mp4'), NAMES, { seconds: Number(args.seconds), size: args.size });
console.log(`clip: ${(statSync(clip).size / 1e6).toFixed(1)} MB`);

const results = [];
const nats = await connectNats(natsUrl);
let model;
let orchestrator;
try {
  // Two model configurations: as shipped (no scene detector: the scene check is "unavailable") and
  // with a stand-in ONNX detector run on every sampled frame (the fake one is tiny; see the notes).
  for (const scene of ['none', 'onnx']) {
    const sceneModel = scene === 'onnx' ? makeFakeSceneModel(join(dir, 'scene.onnx')) : null;
    if (scene === 'onnx' && !sceneModel) {
      console.log('python3-onnx missing: skipping the scene-model runs');
      continue;
    }
    model = await modelService({
      MODEL_WORKERS: '2',
      MODEL_ALLOWED_DIRS: mediaRoot,
      ...(sceneModel ? { SCENE_MODEL_PATH: sceneModel } : {}),
    });
    orchestrator = await startOrchestrator({
      port: 0,
      baseUrl,
      dbName,
      natsUrl,
      streamName,
      subjectPrefix,
      modelUrl: model.url,
      modelToken: model.token,
      storage: { MEDIA_ROOT: mediaRoot },
      concurrency: 2,
      modelTimeoutMs: 330_000,
      breakerFailures: 3,
      breakerHalfOpenAfterMs: 10_000,
      leaseMs: 60_000,
      retryMaxDelayMs: 60_000,
      pollMs: 200,
    });
    const publish = (subject, payload) =>
      nats.js.publish(`${subjectPrefix}.${subject}`, JSON.stringify(payload), { msgID: randomUUID() });
    const sub = nats.nc.subscribe(`${subjectPrefix}.${Subject.VideoProcessedFinal}`);
    const arrived = new Map();
    (async () => {
      for await (const m of sub) arrived.set(m.json().videoId, { at: performance.now(), verdict: m.json() });
    })();

    const siteId = randomUUID();
    const other = randomUUID();
    await publish(Subject.SacrificeAssigned, {
      sacrificeId: other,
      executorId: randomUUID(),
      donorIds: [],
      siteId,
      timeZone: 'Asia/Karachi',
      species: 'COW',
      names: DAY_NAMES,
    });
    for (let i = 0; i < Number(args.runs); i++) {
      const sacrificeId = randomUUID();
      const videoId = randomUUID();
      await publish(Subject.SacrificeAssigned, {
        sacrificeId,
        executorId: randomUUID(),
        donorIds: [],
        siteId,
        timeZone: 'Asia/Karachi',
        species: 'COW',
        names: NAMES,
      });
      await publish(Subject.SacrificeStatusChanged, {
        sacrificeId,
        status: 'PERFORMED',
        orderIds: [],
        donorIds: [],
        at: '2026-05-27T06:00:00Z',
      });
      await new Promise((r) => setTimeout(r, 500)); // the expectation is stored
      const storageKey = `videos/${videoId}/original.mp4`;
      mkdirSync(join(mediaRoot, 'videos', videoId), { recursive: true });
      copyFileSync(clip, join(mediaRoot, storageKey));
      const t0 = performance.now();
      await publish(Subject.VideoUploadedPreprocessed, {
        videoId,
        sacrificeId,
        storageKey,
        durationSeconds: Number(args.seconds),
      });
      while (!arrived.has(videoId)) await new Promise((r) => setTimeout(r, 20));
      const { at, verdict } = arrived.get(videoId);
      const seconds = (at - t0) / 1000;
      results.push({
        scene,
        seconds,
        outcome: verdict.outcome,
        sceneCheck: verdict.checks.scene.status,
        nameCheck: verdict.checks.names.status,
      });
      const perName = verdict.checks.names.evidence.perName.map((p) => p.result);
      const counts = Object.entries(Object.groupBy(perName, (r) => r))
        .map(([k, v]) => `${v.length} ${k}`)
        .join(', ');
      console.log(
        `scene model ${scene}, run ${i + 1}: ${seconds.toFixed(2)} s (${verdict.outcome}; scene ${verdict.checks.scene.status}, names ${verdict.checks.names.status}: ${counts})`,
      );
    }
    sub.unsubscribe();
    await orchestrator.close();
    orchestrator = undefined;
    await model.stop();
    model = undefined;
  }
} finally {
  await orchestrator?.close();
  await model?.stop();
  await nats.jsm.streams.delete(streamName).catch(() => undefined);
  await nats.close();
  await dropDatabases(baseUrl, [dbName]);
  rmSync(dir, { recursive: true, force: true });
}
for (const scene of ['none', 'onnx']) {
  const s = results
    .filter((r) => r.scene === scene)
    .map((r) => r.seconds)
    .sort((a, b) => a - b);
  if (s.length)
    console.log(
      `scene model ${scene}: median ${s[Math.floor(s.length / 2)].toFixed(2)} s, min ${s[0].toFixed(2)} s, max ${s.at(-1).toFixed(2)} s over ${s.length} runs`,
    );
}
