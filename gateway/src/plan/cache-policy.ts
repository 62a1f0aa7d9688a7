type Scope = 'PUBLIC' | 'PRIVATE';

export interface CacheHint {
  maxAge?: number;
  scope?: Scope;
}

/**
 * A request's cache policy, as Apollo Server keeps it (`newCachePolicy`, not exported by the
 * package): each subgraph's Cache-Control narrows it, and the answer is cacheable only if every
 * subgraph said for how long.
 */
export function cachePolicy() {
  return {
    maxAge: undefined as number | undefined,
    scope: undefined as Scope | undefined,
    restrict(hint: CacheHint) {
      if (hint.maxAge !== undefined && (this.maxAge === undefined || hint.maxAge < this.maxAge))
        this.maxAge = hint.maxAge;
      if (hint.scope !== undefined && this.scope !== 'PRIVATE') this.scope = hint.scope;
    },
    policyIfCacheable(): { maxAge: number; scope: Scope } | null {
      if (this.maxAge === undefined || this.maxAge === 0) return null;
      return { maxAge: this.maxAge, scope: this.scope ?? 'PUBLIC' };
    },
  };
}
