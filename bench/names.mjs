// The name check's evaluation set, before (main) and after (this tree) in one run, on voices,
// speeds and names the tests never use: pass rates per case (right, wrong and near names, the
// same with the expected name in Arabic script; clean and noisy) and seconds per check.
//   npm run bench:names [-- --base main] [-- --voices N] [-- --skip K] [-- --facts DIR]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const base = arg('--base') ?? 'main';
const extra = [
  ...(arg('--voices') ? ['--voices', arg('--voices')] : []),
  ...(arg('--skip') ? ['--skip', arg('--skip')] : []),
];
const facts = arg('--facts');
if (facts) mkdirSync(facts, { recursive: true }); // made first: the script writes it only after its whole run
const dir = mkdtempSync(join(tmpdir(), 'bench-names-'));
try {
  execFileSync('sh', ['-c', `git archive ${base} services/model | tar -x -C ${dir}`]);
  const script = 'services/model/tools/bench_names.py';
  const runs = [];
  for (const [label, src, tag] of [
    [base, join(dir, 'services/model'), 'base'],
    ['this tree', 'services/model', 'tree'],
  ]) {
    const more = facts ? ['--facts', join(facts, `names-${tag}.jsonl`)] : [];
    const out = execFileSync('/usr/bin/python3', [script, '--src', src, ...extra, ...more], { encoding: 'utf8' });
    runs.push([label, JSON.parse(out.trim().split('\n').pop())]);
  }
  const cell = (c) => (c ? `${c.pass}/${c.clips} (${Math.round((100 * c.pass) / c.clips)} %)` : 'n/a');
  console.log(`| case → pass | ${runs.map(([l]) => l).join(' | ')} |`);
  console.log(`|---|${runs.map(() => '---').join('|')}|`);
  const cases = Object.keys(runs[1][1].rates).sort();
  for (const k of cases) console.log(`| ${k} | ${runs.map(([, r]) => cell(r.rates[k])).join(' | ')} |`);
  console.log(`| seconds per check | ${runs.map(([, r]) => r.secondsPerCheck).join(' | ')} |`);
  const ratio = runs[1][1].secondsPerCheck / runs[0][1].secondsPerCheck;
  console.log(`\nlatency this tree / ${base}: ${ratio.toFixed(2)}×`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
