/** One dependency's check: resolves true when it can serve (a throw or timeout counts as down). */
export type ReadinessCheck = () => Promise<boolean>;

/** How long one check may take before its dependency counts as down. */
const CHECK_TIMEOUT_MS = 1500;

/**
 * What `/health/ready` answers: every dependency the service registered (PostgreSQL, NATS,
 * Redis...), checked in parallel. Draining (a stop has begun) answers not ready first, so a load
 * balancer stops sending before connections close.
 */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();
  private draining = false;

  add(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  drain(): void {
    this.draining = true;
  }

  async report(): Promise<{ ok: boolean; status: string; checks: Record<string, 'ok' | 'down'> }> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, (await withTimeout(check())) ? 'ok' : 'down'] as const),
    );
    const checks = Object.fromEntries(entries);
    const down = entries.filter(([, state]) => state === 'down').map(([name]) => name);
    if (this.draining) return { ok: false, status: 'draining', checks };
    return { ok: down.length === 0, status: down.length ? `unavailable: ${down.join(', ')}` : 'ok', checks };
  }
}

async function withTimeout(check: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
