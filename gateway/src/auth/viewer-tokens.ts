import { signViewerToken, type RequestOrigin, type Viewer } from '@qurbani/kit';

/** Viewer tokens live 60 s; one is re-signed after half of that. */
const REUSE_MS = 30_000;
const MAX_KEPT = 20_000;

/**
 * The viewer tokens the gateway sends to subgraphs, signed once per viewer and client address and
 * reused for half their life: a donor's app asks several times a minute, each request's plan makes
 * several subgraph calls, and the subgraphs then verify each token once (they remember it until it
 * expires). The key holds everything the token says, so a change of roles signs a new one.
 */
export class ViewerTokens {
  private readonly kept = new Map<string, { token: string; at: number }>();

  constructor(
    private readonly secret: string,
    private readonly now = () => Date.now(),
  ) {}

  tokenFor(viewer: Viewer | null, origin: RequestOrigin = {}): string {
    const key = viewer
      ? `${viewer.id}|${viewer.sessionId}|${viewer.roles.join(',')}|${viewer.trackingDeliveryId ?? ''}|${origin.ip ?? ''}`
      : `|anonymous|${origin.ip ?? ''}`;
    const hit = this.kept.get(key);
    if (hit && this.now() - hit.at < REUSE_MS) return hit.token;
    const token = signViewerToken(viewer, this.secret, origin);
    this.kept.delete(key);
    this.kept.set(key, { token, at: this.now() });
    // Oldest first out: a Map iterates in insertion order.
    if (this.kept.size > MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
    return token;
  }
}
