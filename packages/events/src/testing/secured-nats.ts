import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The committed production configuration (accounts, users, permissions). */
export const NATS_SERVER_CONF = new URL('../../../../../deploy/nats/nats-server.conf', import.meta.url).pathname;

/** A private nats-server running a given configuration, with a fresh random password per user. */
export interface SecuredNats {
  /** `nats://127.0.0.1:<port>`, without credentials. */
  readonly url: string;
  /** `NATS_URL` for one user of the configuration (`nats://donor:<password>@127.0.0.1:<port>`). */
  urlFor(user: string): string;
  /** Users the configuration declares, in order. */
  readonly users: readonly string[];
  /** Every permissions violation the server logged so far (`Publish Violation - User "donor", Subject "..."`). */
  readonly violations: readonly string[];
  /** Stops the server and removes its JetStream store. */
  stop(): Promise<void>;
}

/**
 * Starts `nats-server` on a random loopback port with `configPath` (default: the committed
 * deploy/nats/nats-server.conf) and its JetStream store in a temporary directory. Every
 * `user: <name>, password: $<VAR>` line of the file gets a random password through the server's
 * environment, exactly as an operator would provide it. Never touches the shared server on 4222.
 */
export async function startSecuredNats(
  configPath = NATS_SERVER_CONF,
  binary = process.env.NATS_SERVER_BIN ?? 'nats-server',
): Promise<SecuredNats> {
  const config = await readFile(configPath, 'utf8');
  const declared = [...config.matchAll(/user:\s*([\w-]+),\s*password:\s*\$(\w+)/g)].map(([, user, variable]) => ({
    user: user!,
    variable: variable!,
  }));
  // nats-server parses an environment value as a config token: a password must start with a letter.
  const passwords = new Map(declared.map(({ user }) => [user, `p${randomBytes(18).toString('hex')}`]));
  const dir = await mkdtemp(join(tmpdir(), 'qurbani-nats-'));
  const env: NodeJS.ProcessEnv = { ...process.env, NATS_STORE_DIR: join(dir, 'store') };
  for (const { user, variable } of declared) env[variable] = passwords.get(user)!;

  const server = spawn(binary, ['-c', configPath, '-a', '127.0.0.1', '-p', '-1', '--ports_file_dir', dir], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let partial = '';
  const violations: string[] = [];
  server.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) if (/Violation/.test(line)) violations.push(line.replace(/^.*? - (\w+ Violation)/, '$1'));
  });
  let running = true;
  const exited = new Promise<void>((resolve) => {
    server.once('exit', () => {
      running = false;
      resolve();
    });
    // e.g. ENOENT when nats-server is not installed (Debian: apt-get install nats-server).
    server.once('error', (error) => {
      running = false;
      stderr += String(error);
      resolve();
    });
  });
  const stop = async () => {
    if (running) server.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };

  let url: string | undefined;
  for (let i = 0; i < 100 && !url && running; i++) {
    const file = (await readdir(dir)).find((f) => f.endsWith('.ports'));
    if (file) url = (JSON.parse(await readFile(join(dir, file), 'utf8')) as { nats: string[] }).nats[0];
    else await sleep(50);
  }
  if (!url) {
    await stop();
    throw new Error(`nats-server did not start with ${configPath}: ${stderr.trim()}`);
  }
  const base = new URL(url);
  return {
    url,
    users: declared.map(({ user }) => user),
    violations,
    urlFor(user) {
      const password = passwords.get(user);
      if (password === undefined) throw new Error(`no user ${user} in ${configPath}`);
      return `nats://${encodeURIComponent(user)}:${password}@${base.host}`;
    },
    stop,
  };
}
