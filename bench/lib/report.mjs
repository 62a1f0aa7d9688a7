// Prints the runs as Markdown: every run, the median per front, and the paired ratios, computed
// within each round first because absolute numbers drift between rounds on a shared machine.

export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const row = (cells) => `| ${cells.join(' | ')} |`;

function runsTable(rounds) {
  const lines = [
    row([
      'round',
      'front',
      'req/s',
      'p50 ms',
      'p95 ms',
      'failed',
      'front CPU %',
      'front CPU ms/req',
      'subgraphs CPU %',
      'subgraphs CPU ms/req',
      'PostgreSQL + Redis CPU ms/req',
      'load gen CPU %',
      'machine busy %',
    ]),
    row(Array(13).fill('---')),
  ];
  rounds.forEach((round, i) => {
    for (const [name, m] of Object.entries(round)) {
      lines.push(
        row([
          i + 1,
          name,
          fixed(m.rps),
          fixed(m.p50, 0),
          fixed(m.p95, 0),
          m.failed,
          fixed(m.frontCpuPct, 0),
          fixed(m.frontMsPerRequest, 2),
          fixed(m.subgraphsCpuPct, 0),
          fixed(m.subgraphsMsPerRequest, 2),
          fixed(m.storesMsPerRequest, 2),
          fixed(m.loadCpuPct, 0),
          fixed(m.machineBusyPct, 0),
        ]),
      );
    }
  });
  return lines;
}

function mediansTable(rounds) {
  const lines = [
    row(['front', 'req/s', 'p95 ms', 'front CPU ms/req', 'subgraphs CPU ms/req', 'PostgreSQL + Redis CPU ms/req']),
    row(Array(6).fill('---')),
  ];
  for (const name of Object.keys(rounds[0])) {
    const of = (key) => median(rounds.map((r) => r[name][key]));
    lines.push(
      row([
        name,
        fixed(of('rps')),
        fixed(of('p95'), 0),
        fixed(of('frontMsPerRequest'), 2),
        fixed(of('subgraphsMsPerRequest'), 2),
        fixed(of('storesMsPerRequest'), 2),
      ]),
    );
  }
  return lines;
}

function ratioLine(rounds, label, key, a, b, digits = 2) {
  const ratios = rounds.map((r) => r[a][key] / r[b][key]);
  return `- ${label}: median ${fixed(median(ratios), digits)} (rounds: ${ratios.map((x) => fixed(x, digits)).join(', ')})`;
}

export function printReport(config, rounds) {
  const lines = [
    `Order tracking: myOrders(first: ${config.orders}) as ${config.donors} donors in turn, ${config.connections} connections` +
      `${config.thinkMs ? ` (donors pausing ${config.thinkMs} ms on average between an answer and their next request)` : ' (each sending its next request as soon as an answer comes)'}, ` +
      `${config.rounds} rounds x ${config.seconds} s per front, fronts alternating.`,
    `The six subgraphs run in ${config.subgraphProcesses === 'each' ? 'a process each, as npm start runs them' : 'one process'}${config.graphCopies > 1 ? `, ${config.graphCopies} copies of them (Hive reads the first only)` : ''}.`,
    `Node ${process.version}${config.peerNode ? `; the peer's processes run on Node ${config.peerNode}` : ''}.`,
    `The subgraph host uses ${fixed(config.restingSubgraphsCpuPct, 0)}% of a core at rest (outbox relays scan idle once a second, consumers hold long pulls); CPU % is of one core, machine busy % of all cores.`,
    '',
    ...runsTable(rounds),
    '',
    'Medians over rounds:',
    '',
    ...mediansTable(rounds),
    '',
    'Paired ratios (within each round):',
    ratioLine(rounds, 'throughput ours/hive', 'rps', 'ours', 'hive'),
    ratioLine(rounds, 'throughput ours/direct', 'rps', 'ours', 'direct'),
    ratioLine(rounds, 'p95 ours/hive', 'p95', 'ours', 'hive'),
    ratioLine(rounds, 'p95 ours/direct', 'p95', 'ours', 'direct'),
    ratioLine(rounds, 'front CPU per request ours/hive', 'frontMsPerRequest', 'ours', 'hive'),
    ratioLine(rounds, 'front CPU per request ours/direct', 'frontMsPerRequest', 'ours', 'direct'),
    ...(rounds[0]['apollo-exec']
      ? [
          ratioLine(rounds, 'throughput ours/apollo-exec', 'rps', 'ours', 'apollo-exec'),
          ratioLine(rounds, 'p95 ours/apollo-exec', 'p95', 'ours', 'apollo-exec'),
          ratioLine(rounds, 'front CPU per request ours/apollo-exec', 'frontMsPerRequest', 'ours', 'apollo-exec'),
        ]
      : []),
    ...(rounds[0]['peer-gateway']
      ? [
          ratioLine(rounds, 'throughput ours/peer-gateway', 'rps', 'ours', 'peer-gateway'),
          ratioLine(rounds, 'p95 ours/peer-gateway', 'p95', 'ours', 'peer-gateway'),
          ratioLine(rounds, 'front CPU per request ours/peer-gateway', 'frontMsPerRequest', 'ours', 'peer-gateway'),
          ratioLine(rounds, 'front CPU per request peer-gateway/direct', 'frontMsPerRequest', 'peer-gateway', 'direct'),
        ]
      : []),
    ...(rounds[0].peer
      ? [
          ratioLine(rounds, 'throughput ours/peer', 'rps', 'ours', 'peer'),
          ratioLine(rounds, 'p95 ours/peer', 'p95', 'ours', 'peer'),
          ratioLine(rounds, 'subgraphs CPU per request ours/peer', 'subgraphsMsPerRequest', 'ours', 'peer'),
          ratioLine(rounds, 'front CPU per request ours/peer', 'frontMsPerRequest', 'ours', 'peer'),
        ]
      : []),
  ];
  console.log(lines.join('\n'));
}
