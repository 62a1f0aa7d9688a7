/**
 * Verified tokens by their text, until they expire: a phone sends the same access token with every
 * report for minutes, and verifying a JWT (HMAC and JSON) costs more than the rest of passing the
 * report on. Bounded; the oldest entries go first.
 */
export class TokenCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly max = 20_000,
    private readonly now = () => Date.now(),
  ) {}

  get(token: string, verify: (token: string) => { value: T; expiresAt: number }): T {
    const hit = this.entries.get(token);
    if (hit && hit.expiresAt > this.now()) return hit.value;
    // Throws for a bad token: nothing is cached then.
    const fresh = verify(token);
    this.entries.delete(token);
    this.entries.set(token, fresh);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return fresh.value;
  }
}
