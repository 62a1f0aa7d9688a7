import type { Server } from 'node:http';

/**
 * Starts listening; a port already taken (or any listen error) rejects, so the caller's start fails
 * and closes what it opened, instead of an uncaught 'error' event crashing the process later.
 */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
