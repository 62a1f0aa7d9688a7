// `npm run calibrate`: how the automatic proof checks agree with reviewers' decisions, per check,
// site and name script, with proposed thresholds, from a running system (`npm start`) through the API.
// Usage: npm run calibrate -- [--from 2026-05-27] [--to 2026-05-31] [--min-failures 20]
// Signs in as QURBANI_LOGIN / QURBANI_PASSWORD (default: the demo organizer) at GATEWAY_URL.
import { parseArgs } from 'node:util';
import { QurbaniClient, ReviewCalibrationDocument, SignInDocument } from '@qurbani/sdk';

const { values } = parseArgs({
  options: { from: { type: 'string' }, to: { type: 'string' }, 'min-failures': { type: 'string' } },
});
const url = process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql';
const login = process.env.QURBANI_LOGIN ?? 'organizer@demo.qurbani';
const password = process.env.QURBANI_PASSWORD ?? 'organizer-demo-pass';
const date = (value, name) => {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`--${name} is not a date: ${value}`);
  return d.toISOString();
};

const client = new QurbaniClient(url);
let token;
try {
  ({
    signIn: { accessToken: token },
  } = await client.request(SignInDocument, { login, password }));
} catch (error) {
  if (error instanceof TypeError) {
    console.error(`nothing answers at ${url}: start the system with \`npm start\` first (or set GATEWAY_URL)`);
    process.exit(1);
  }
  throw error;
}
const minFailures = values['min-failures'] === undefined ? undefined : Number(values['min-failures']);
const { reviewCalibration: report } = await client.withToken(token).request(ReviewCalibrationDocument, {
  from: date(values.from, 'from'),
  to: date(values.to, 'to'),
  minFailures,
});

const pct = (v) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
console.log(`Reviewer decisions from ${report.from} to ${report.to}: ${report.decisions}`);
console.table(
  report.checks.map((c) => ({
    check: c.check,
    by: c.dimension,
    group: c.group,
    labelled: c.labelled,
    unattributed: c.unattributed,
    'pass ok': c.truePass,
    'pass wrong': c.falsePass,
    precision: pct(c.precision),
    recall: pct(c.recall),
    'proposed threshold': c.proposedThreshold ?? '—',
    'recall at proposal': pct(c.recallAtProposal),
  })),
);
for (const c of report.checks.filter((c) => c.dimension === 'ALL')) console.log(`${c.check}: ${c.note}`);
