import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Lower CPU priority (0 = normal, 19 = lowest). */
  niceness?: number;
  timeoutMs?: number;
  /** Keep only the tail of stderr: ffmpeg may print a line per damaged packet. */
  maxStderr?: number;
}

/**
 * Runs ffmpeg or ffprobe and collects its output. A missing binary or a timeout rejects (the
 * event is retried later); a non-zero exit resolves, since it usually says something about the file.
 */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const maxStderr = options.maxStderr ?? 16_384;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    if (options.niceness && child.pid) {
      try {
        setPriority(child.pid, options.niceness);
      } catch {
        // Not allowed here (some containers): run at normal priority.
      }
    }
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-maxStderr);
    });
    const timer = options.timeoutMs
      ? setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`${command} timed out after ${options.timeoutMs} ms`));
        }, options.timeoutMs)
      : undefined;
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
