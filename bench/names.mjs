// Name check before (main) and after (this tree) in one run, on voices and names
// the tests never use: right-name, wrong-name and near-name pass rates.
//   npm run bench:names [-- --base main] [-- --voices N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const baseIdx = process.argv.indexOf('--base');
const base = baseIdx > 0 ? process.argv[baseIdx + 1] : 'main';
const voicesIdx = process.argv.indexOf('--voices');
const voices = voicesIdx > 0 ? ['--voices', process.argv[voicesIdx + 1]] : [];
const dir = mkdtempSync(join(tmpdir(), 'bench-names-'));
try {
  execFileSync('sh', ['-c', `git archive ${base} services/model | tar -x -C ${dir}`]);
  const script = 'services/model/tools/bench_names.py';
  for (const [label, src] of [
    [base, join(dir, 'services/model')],
    ['this tree', 'services/model'],
  ]) {
    const out = execFileSync('/usr/bin/python3', [script, '--src', src, ...voices], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop());
    const row = (k) => `${r.rates[k].pass}/${r.rates[k].clips} pass, ${r.rates[k].review} review`;
    console.log(
      `${label.padEnd(10)} right ${row('right')} | wrong ${row('wrong')} | near ${row('near')} | ${r.secondsPerCheck} s/check`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
