// The simulation's results as Markdown tables and an SVG plot of each queue's backlog over time.

const pct = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '-');
const row = (cells) => `| ${cells.join(' | ')} |`;
const table = (head, rows) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

/**
 * Per step: how many, at what rate they were done (completions between the first and the last of
 * that step, per hour), and latency percentiles (ms).
 */
export function stepsTable(steps) {
  const rows = [...steps].map(([name, done]) => {
    const s = done.map((d) => d.ms).sort((a, b) => a - b);
    const at = done.map((d) => d.at);
    const spanH = (Math.max(...at) - Math.min(...at)) / 3_600_000;
    return [
      name,
      s.length,
      s.length > 1 ? f((s.length - 1) / spanH) : '-',
      f(pct(s, 50)),
      f(pct(s, 95)),
      f(pct(s, 99)),
    ];
  });
  return table(['step', 'count', 'done per hour', 'p50 ms', 'p95 ms', 'p99 ms'], rows);
}

/**
 * Per process: mean and peak CPU (% of one core), RSS at the first sample, after warm-up (the first
 * sample at or after `warmS` seconds), at the last, its peak, and the growth from warm-up to the end.
 */
export function processTable(samples, warmS = 0) {
  const names = [...new Set(samples.flatMap((s) => Object.keys(s.rssMb)))].sort();
  const rows = names.map((name) => {
    const cpu = samples.map((s) => s.cpu[name]).filter(Number.isFinite);
    const rss = samples.map((s) => s.rssMb[name]).filter(Number.isFinite);
    const warm = samples.find((s) => s.t >= warmS && Number.isFinite(s.rssMb[name]))?.rssMb[name];
    const mean = cpu.reduce((a, b) => a + b, 0) / (cpu.length || 1);
    const growth = ((rss.at(-1) - warm) / warm) * 100;
    return [
      name,
      f(mean),
      f(Math.max(...cpu, 0)),
      f(rss[0]),
      f(warm),
      f(rss.at(-1)),
      f(Math.max(...rss, 0)),
      Number.isFinite(growth) ? `${growth > 0 ? '+' : ''}${f(growth)}` : '-',
    ];
  });
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
  const ours = mean(samples.map((s) => Object.values(s.cpu).reduce((a, b) => a + b, 0)).filter((x) => x > 0));
  const busy = mean(samples.map((s) => s.machineBusyPct).filter(Number.isFinite));
  return [
    table(
      [
        'process',
        'CPU mean %',
        'CPU peak %',
        'RSS first MB',
        `RSS at ${f(warmS)} s MB`,
        'RSS last MB',
        'RSS peak MB',
        'growth after warm-up %',
      ],
      rows,
    ),
    '',
    `CPU % is of one core. The run's processes used ${f(ours)}% on average (of 200% on 2 cores; the load generator not included); the machine as a whole was ${f(busy)}% busy (all cores, other work on the box included).`,
  ].join('\n');
}

/** Each queue: its value at the start, peak, and at the end of the load and after the drain. */
export function backlogTable(samples, loadEndS) {
  const keys = [...new Set(samples.flatMap((s) => Object.keys(s.backlog)))].sort();
  const at = (key, t) => [...samples].reverse().find((s) => s.t <= t && key in s.backlog)?.backlog[key];
  const rows = keys
    .map((key) => {
      const values = samples.map((s) => s.backlog[key]).filter(Number.isFinite);
      return [key, f(Math.max(...values, 0)), f(at(key, loadEndS)), f(values.at(-1))];
    })
    .filter((r) => r[1] !== '0');
  return rows.length ? table(['queue', 'peak', 'at end of load', 'after drain'], rows) : '(every queue stayed at 0)';
}

export function faultsTable(faults) {
  return table(
    ['#', 'signal', 'process', 'at s', 'stopped (dropping) for ms', 'back (healthy) after ms'],
    faults.map((x, i) => [
      i + 1,
      x.signal,
      `${x.target}${x.midWork === undefined ? '' : x.midWork ? ', mid-work' : ', idle'}`,
      f(x.atS, 1),
      x.stoppedMs ?? '-',
      x.recovered ? x.recoveryMs : `not within ${x.recoveryMs}`,
    ]),
  );
}

export function countsTable(kinds) {
  return table(
    ['effect (id)', 'ids', 'lost', 'duplicated', 'examples'],
    kinds.map((k) => [k.kind, k.expected, k.lost, k.duplicated, k.examples.join(', ') || '']),
  );
}

const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

/**
 * Lines of each non-zero series over time (`field`: each sample's `backlog`, or `rssMb` for memory),
 * fault moments as red marks; plain SVG.
 */
export function backlogSvg(samples, { faults = [], faultStartS = 0, loadEndS, title, field = 'backlog' }) {
  const series = samples.map((s) => s[field]);
  const keys = [...new Set(series.flatMap((s) => Object.keys(s)))].filter((k) => series.some((s) => s[k] > 0)).sort();
  const W = 900;
  const H = 420;
  const L = 60;
  const R = 300;
  const T = 40;
  const B = 40;
  const tMax = Math.max(...samples.map((s) => s.t), 1);
  const yMax = Math.max(1, ...series.flatMap((s) => keys.map((k) => s[k] ?? 0)));
  const x = (t) => L + (t / tMax) * (W - L - R);
  const y = (v) => H - B - (v / yMax) * (H - T - B);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${L}" y="20" font-size="14">${title}</text>`,
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="black"/>`,
    `<line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="black"/>`,
    `<text x="${(W - R) / 2}" y="${H - 8}">seconds</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const v = (yMax * i) / 5;
    out.push(`<text x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${f(v)}</text>`);
    const t = (tMax * i) / 5;
    out.push(`<text x="${x(t)}" y="${H - B + 14}" text-anchor="middle">${f(t)}</text>`);
  }
  if (loadEndS)
    out.push(
      `<line x1="${x(loadEndS)}" y1="${T}" x2="${x(loadEndS)}" y2="${H - B}" stroke="#999" stroke-dasharray="4"/>`,
      `<text x="${x(loadEndS) + 3}" y="${T + 10}" fill="#666">load ends</text>`,
    );
  for (const fault of faults) {
    const fx = x(faultStartS + fault.atS);
    out.push(`<line x1="${fx}" y1="${T}" x2="${fx}" y2="${H - B}" stroke="red" stroke-opacity="0.5"/>`);
    out.push(
      `<text x="${fx + 2}" y="${T + 22}" fill="red" font-size="9" transform="rotate(90 ${fx + 2} ${T + 22})">${fault.signal.replace(/^SIG/, '')} ${fault.target}</text>`,
    );
  }
  keys.forEach((key, i) => {
    const color = COLORS[i % COLORS.length];
    // More series than colours: the second round is dashed, in the plot and the legend.
    const style = `stroke="${color}" stroke-width="1.5"${i >= COLORS.length ? ' stroke-dasharray="5 3"' : ''}`;
    const points = samples
      .filter((s) => key in s[field])
      .map((s) => `${x(s.t).toFixed(1)},${y(s[field][key]).toFixed(1)}`);
    out.push(`<polyline fill="none" ${style} points="${points.join(' ')}"/>`);
    out.push(
      `<line x1="${W - R + 6}" y1="${T + i * 16 + 5}" x2="${W - R + 20}" y2="${T + i * 16 + 5}" ${style}/>`,
      `<text x="${W - R + 25}" y="${T + i * 16 + 9}">${key}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}
