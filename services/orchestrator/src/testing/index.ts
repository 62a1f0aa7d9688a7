import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The Debian Python that has the model service's packages (a pyenv `python3` may not). */
export const PYTHON = '/usr/bin/python3';
export const MODEL_DIR = fileURLToPath(new URL('../../../../model', import.meta.url));

// Ports are chosen below the kernel's ephemeral range: listen(0) picks from that range, where an
// outgoing connection of any process may take the port before the service given it binds it (CI,
// 2026-12-06: the season simulation's gateway, started a minute after its port was chosen, met EADDRINUSE).
const EPHEMERAL_START = (() => {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
})();
const LOWEST = 10_000;

const bindable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

// Test files run two at a time, each choosing ports for services it starts later: a port is also
// reserved with a file naming the test process, so the other file never picks it while this one
// lives (CI, 2026-12-06: npm start's gateway met EADDRINUSE on its port for 150 s, most likely a
// port the other file had chosen too).
const RESERVATIONS = join(tmpdir(), 'qurbani-test-ports');
const reservedHere: string[] = [];

/** Whether a process with this id exists (one of another user's counts: signalling it is refused, not failed). */
export const processAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function reserve(port: number): boolean {
  mkdirSync(RESERVATIONS, { recursive: true });
  const file = join(RESERVATIONS, String(port));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      if (reservedHere.push(file) === 1)
        process.once('exit', () => reservedHere.forEach((f) => rmSync(f, { force: true })));
      return true;
    } catch {
      let owner: string;
      try {
        owner = readFileSync(file, 'utf8');
      } catch {
        continue; // released meanwhile
      }
      // Empty: its owner is writing it now.
      if (!owner || processAlive(Number(owner))) return false;
      rmSync(file, { force: true }); // left by a test process that has ended
    }
  }
  return false;
}

/** A free TCP port on 127.0.0.1, outside the range outgoing connections take theirs from. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = LOWEST + Math.floor(Math.random() * (EPHEMERAL_START - LOWEST));
    if (reserve(port) && (await bindable(port))) return port;
  }
}

/** A model service process the test can stop, kill and start again on the same port. */
export interface ModelServiceProcess {
  readonly url: string;
  readonly port: number;
  /** The shared secret it requires (`MODEL_SERVICE_TOKEN`): pass it to the orchestrator. */
  readonly token: string;
  /** Starts it (again) and waits for `/health`. */
  start(): Promise<void>;
  /** SIGKILL to the service and its workers: a crash, nothing finishes. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  readonly running: boolean;
}

/**
 * Runs `/usr/bin/python3 -m model_service` on a free port (one worker by default: 2 shared cores),
 * with a random token unless `MODEL_SERVICE_TOKEN` is given; it reads only `MODEL_ALLOWED_DIRS`.
 */
export async function modelService(
  env: { MODEL_ALLOWED_DIRS: string } & Record<string, string>,
): Promise<ModelServiceProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const token = env.MODEL_SERVICE_TOKEN ?? randomBytes(32).toString('base64url');
  let child: ChildProcess | null = null;
  let log = '';
  const exited = (c: ChildProcess) =>
    new Promise<void>((resolve) =>
      c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve()),
    );
  // The service runs its analyses in multiprocessing workers: signal the whole process group, as
  // a container stop or crash would, or orphaned workers keep running (and keep our pipes open).
  const end = async (signal: NodeJS.Signals) => {
    const c = child;
    child = null;
    if (!c?.pid) return;
    const done = exited(c);
    try {
      process.kill(-c.pid, signal);
    } catch {
      c.kill(signal);
    }
    await done;
  };
  const handle: ModelServiceProcess = {
    url,
    port,
    token,
    get running() {
      return child !== null;
    },
    async start() {
      if (child) return;
      const c = spawn(PYTHON, ['-m', 'model_service'], {
        cwd: MODEL_DIR,
        env: {
          ...process.env,
          MODEL_HOST: '127.0.0.1',
          MODEL_PORT: String(port),
          MODEL_WORKERS: '1',
          MODEL_LOG_LEVEL: 'WARNING',
          ...env,
          MODEL_SERVICE_TOKEN: token,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: true,
      });
      child = c;
      c.stderr!.on('data', (chunk) => {
        log = (log + chunk).slice(-4000);
      });
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if (c.exitCode !== null) throw new Error(`model service exited: ${log}`);
        if (
          await fetch(`${url}/health`).then(
            (r) => r.ok,
            () => false,
          )
        )
          return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`model service did not start: ${log}`);
    },
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
  await handle.start();
  return handle;
}

/**
 * An H.264 mp4 with a test pattern and espeak-ng saying "Bismillah, Allahu akbar. On behalf of
 * <names>." (short and small: 320x240 by default).
 */
export function makeSpokenClip(
  path: string,
  names: readonly string[],
  options: { seconds?: number; size?: string; voice?: string } = {},
): string {
  const seconds = options.seconds ?? 5;
  const who = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const wav = `${path}.wav`;
  run('espeak-ng', [
    '-v',
    options.voice ?? 'en-us',
    '-s',
    '140',
    '-w',
    wav,
    `Bismillah, Allahu akbar. On behalf of ${who}.`,
  ]);
  run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=s=${options.size ?? '320x240'}:r=25:d=${seconds}`,
    '-i',
    wav,
    '-filter_complex',
    `[1:a]adelay=300:all=1,apad,atrim=0:${seconds}[a]`,
    '-map',
    '0:v',
    '-map',
    '[a]',
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-t',
    String(seconds),
    path,
  ]);
  return path;
}

/**
 * A tiny ONNX "detector" (services/model/tests/fixtures.py, needs python3-onnx) that sees a person,
 * a sheep and a knife together in any lit frame: a stand-in for an operator's YOLO export, so a
 * clip can be VALIDATED. Returns null when python3-onnx is missing.
 */
export function makeFakeSceneModel(path: string): string | null {
  const code = [
    'import sys',
    'from tests import fixtures as f',
    'a = f.center_anchor',
    'p = {0: (a(), (320, 320, 100, 200), 4.0), 18: (a(dx=2), (380, 330, 90, 60), 4.0), 43: (a(dx=-2), (340, 340, 20, 60), 4.0)}',
    'sys.exit(0 if f.make_fake_yolo(sys.argv[1], p) else 3)',
  ].join('\n');
  const result = spawnSync(PYTHON, ['-c', code, path], { cwd: MODEL_DIR, encoding: 'utf8' });
  return result.status === 0 ? path : null;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.error}`);
}
