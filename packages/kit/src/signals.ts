import { rootLogger } from '@qurbani/telemetry';
/**
 * Closes the service on SIGINT or SIGTERM (Ctrl+C, `docker stop`, Kubernetes), then exits: 0 when
 * everything closed, 1 when something failed to. A second signal while closing is left to Node's default.
 */
export function closeOnSignals(service: { close(): Promise<void> }): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      service.close().then(
        () => process.exit(0),
        (error) => {
          rootLogger().error({ err: error }, 'could not stop cleanly');
          process.exit(1);
        },
      );
    });
  }
}
