// Keeps `npm start`'s processes running on one box, as compose's `restart: unless-stopped` and
// Kubernetes do elsewhere: a process that dies is started again after a backoff (0.5 s, doubling to
// 15 s; back to 0.5 s once it has run a minute), while the others keep serving. One crash must not
// take the season offline. Each line a process writes is printed with its name.
import { spawn } from 'node:child_process';

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;
const HEALTHY_AFTER_MS = 60_000;

export class Supervisor {
  #processes = new Map();
  #stopping = false;

  /** Starts `command args` as `name` and restarts it whenever it exits, until `stop()`. */
  run(name, command, args, options) {
    const entry = { name, command, args, options, child: null, delay: FIRST_DELAY_MS, timer: null };
    this.#processes.set(name, entry);
    this.#start(entry);
  }

  /** The pid of each running process, by name. */
  pids() {
    return Object.fromEntries([...this.#processes].map(([name, e]) => [name, e.child?.pid ?? null]));
  }

  /** SIGTERM to every process (no restarts from now on); SIGKILL to any still running after `graceMs`. */
  async stop(graceMs = 8000) {
    this.#stopping = true;
    const running = [...this.#processes.values()].filter((e) => {
      clearTimeout(e.timer);
      return e.child && e.child.exitCode === null && e.child.signalCode === null;
    });
    for (const e of running) e.child.kill('SIGTERM');
    const exited = running.map((e) => new Promise((resolve) => e.child.once('exit', resolve)));
    const late = setTimeout(() => running.forEach((e) => e.child.kill('SIGKILL')), graceMs);
    await Promise.all(exited);
    clearTimeout(late);
  }

  #start(entry) {
    // Its own process group: when it dies, what it started (the model service's worker pool) goes with it.
    const child = spawn(entry.command, entry.args, {
      ...entry.options,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    entry.child = child;
    const startedAt = Date.now();
    const say = (line) => console.log(`[${entry.name}] ${line}`);
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream.on('data', (chunk) => {
        const lines = (buffered + chunk).split('\n');
        buffered = lines.pop();
        for (const line of lines) say(line);
      });
    }
    say(`started (pid ${child.pid})`);
    child.on('error', (error) => say(`could not start: ${error.message}`));
    child.on('exit', (code, signal) => {
      killGroup(child.pid);
      if (this.#stopping) return;
      if (Date.now() - startedAt > HEALTHY_AFTER_MS) entry.delay = FIRST_DELAY_MS;
      say(`exited (${signal ?? `code ${code}`}); restarting in ${entry.delay} ms`);
      entry.timer = setTimeout(() => this.#start(entry), entry.delay);
      entry.delay = Math.min(entry.delay * 2, MAX_DELAY_MS);
    });
  }
}

/** SIGKILL to whatever is left of a dead process's group (orphaned workers); none left is fine. */
function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already empty.
  }
}
