// The model service on its own network, as it is in production (a GPU machine the orchestrator
// calls): a network namespace joined to this one by a veth pair, so that packets to it can be dropped
// with nftables inside the namespace while every other process keeps talking over loopback.
// Needs root, iproute2 and nftables (`tc netem` is not in this kernel).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const TABLE = 'qurbani_sim';

/**
 * Makes the namespace `qsim-<run>`: the host side of the link at 10.231.x.1, the namespace's at
 * 10.231.x.2 (x from the run's id). `drop(percent)` drops that share of the packets arriving in the
 * namespace; `heal()` stops dropping; `remove()` deletes the namespace and its link.
 */
export async function makeNetns(run) {
  const digest = createHash('sha256').update(run).digest();
  const subnet = `10.231.${digest[0]}`;
  const name = `qsim-${run}`;
  const tag = digest.toString('hex').slice(0, 6);
  const [host, inside] = [`qs${tag}h`, `qs${tag}n`];
  const ip = (...args) => exec('ip', args);
  const nft = (...args) => exec('ip', ['netns', 'exec', name, 'nft', ...args]);
  const remove = () => ip('netns', 'del', name).catch(() => {});
  try {
    await ip('netns', 'add', name);
    await ip('link', 'add', host, 'type', 'veth', 'peer', 'name', inside);
    await ip('link', 'set', inside, 'netns', name);
    await ip('addr', 'add', `${subnet}.1/30`, 'dev', host);
    await ip('link', 'set', host, 'up');
    await ip('-n', name, 'addr', 'add', `${subnet}.2/30`, 'dev', inside);
    await ip('-n', name, 'link', 'set', inside, 'up');
    await ip('-n', name, 'link', 'set', 'lo', 'up');
    await nft('--version');
  } catch (error) {
    await remove();
    throw new Error(`--netns needs root, iproute2 and nftables: ${error.stderr?.trim() || error.message}`);
  }
  return {
    name,
    hostIp: `${subnet}.1`,
    nsIp: `${subnet}.2`,
    /** The command prefix that runs a program inside the namespace. */
    prefix: ['ip', 'netns', 'exec', name],
    async drop(percent) {
      await nft('add', 'table', 'inet', TABLE);
      await nft('add', 'chain', 'inet', TABLE, 'input', '{ type filter hook input priority 0; }');
      const rule = percent >= 100 ? ['drop'] : ['numgen', 'random', 'mod', '100', '<', String(percent), 'drop'];
      await nft('add', 'rule', 'inet', TABLE, 'input', 'iifname', inside, ...rule);
    },
    heal: () => nft('delete', 'table', 'inet', TABLE).catch(() => {}),
    remove,
  };
}
