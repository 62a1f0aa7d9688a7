// Scene check on real photographs and composite frames, before (main) and after (this tree) in one
// run, against one services/detector: per-class recall and false positives, the same-frame rule's
// pass and false pass, and the seconds of one scene check over a 30-frame clip (alternating runs).
//   npm run build && npm run bench:scene [-- --base main] [-- --rounds 3] [-- --timing-only]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const base = arg('--base', 'main');
const rounds = Number(arg('--rounds', '3'));
const script = 'services/model/tools/bench_scene.py';

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const detector = spawn(process.execPath, ['services/detector/dist/src/index.js'], {
  env: { ...process.env, DETECTOR_PORT: String(port), DETECTOR_MIN_SCORE: '0.05', DETECTOR_MAX_DETECTED: '50' },
  stdio: 'ignore',
});
const url = `http://127.0.0.1:${port}`;
for (let i = 0; i < 120; i++) {
  if (
    await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break;
  await new Promise((r) => setTimeout(r, 250));
}
const dir = mkdtempSync(join(tmpdir(), 'bench-scene-'));
const run = (src, extra = []) => {
  const out = execFileSync('/usr/bin/python3', [script, '--src', src, '--detector-url', url, ...extra], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop());
};
try {
  execFileSync('sh', ['-c', `git archive ${base} services/model | tar -x -C ${dir}`]);
  const trees = [
    [base, join(dir, 'services/model')],
    ['this tree', 'services/model'],
  ];
  const results = {};
  for (const [label, src] of process.argv.includes('--timing-only') ? [] : trees) {
    const r = run(src, ['--timing-runs', '1']);
    results[label] = r;
    console.log(
      `\n${label}: ${r.photos} photos, ${r.composites} composite frames; ${r.detector} (${r.detectorVersion})`,
    );
    console.log('| set | class | min score | found | false positives | highest score without the class |');
    console.log('|---|---|---|---|---|---|');
    for (const [set, rows] of [
      ['photos', r.perClassPhotos],
      ['composites', r.perClassComposites],
    ]) {
      for (const c of rows) {
        console.log(
          `| ${set} | ${c.class} | ${c.threshold} | ${c.found}/${c.positives} | ${c.falsePositives}/${c.negatives} | ${c.maxNegativeScore} (${c.maxNegativeItem}) |`,
        );
      }
    }
    for (const [title, rule, fp] of [
      ['composite frames', r.rule, r.falsePasses],
      ['composite frames, knife role from the labels', r.ruleKnifeFromLabels, r.falsePassesKnifeFromLabels],
    ]) {
      console.log(`| ${title} | frames | pass | review | fail_suspected | may pass | false pass |`);
      console.log('|---|---|---|---|---|---|---|');
      for (const [kind, k] of Object.entries(rule)) {
        console.log(
          `| ${kind} | ${k.frames} | ${k.pass} | ${k.manual_review} | ${k.fail_suspected} | ${k.shouldPass} | ${k.falsePass} |`,
        );
      }
      for (const f of fp) console.log(`false pass: ${f.id} (declared ${f.declared})`);
    }
  }
  const times = Object.fromEntries(trees.map(([label]) => [label, { live: [], replayed: [] }]));
  for (let i = 0; i < rounds; i++) {
    for (const [label, src] of i % 2 ? [...trees].reverse() : trees) {
      const r = run(src, ['--timing-only', '--timing-runs', '1']);
      times[label].live.push(r.secondsPerClip);
      times[label].replayed.push(r.secondsPerClipDetectorReplayed);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const kind of ['live', 'replayed']) {
    const [b, t] = [median(times[base][kind]), median(times['this tree'][kind])];
    console.log(
      `scene check, 30-frame clip, detector ${kind}, median of ${rounds} alternating runs: ${base} ${b} s, this tree ${t} s (x${(t / b).toFixed(2)})`,
    );
  }
  console.log(`runs ${JSON.stringify(times)}`);
  writeFileSync(join(tmpdir(), 'bench-scene-last.json'), JSON.stringify({ results, times }, null, 1));
} finally {
  detector.kill();
  rmSync(dir, { recursive: true, force: true });
}
