import { buildPolicy, type PolicyKey, type PolicySnapshot } from './build-policy.js';
import { CompiledPolicy } from './compiled-policy.js';

/**
 * Abilities cached by (agency, roles, purpose, case reference present) at one policy
 * revision. An entry is discarded when the revision moves (an MoU changed), when it reaches
 * its expiry (≤ 60 s, the next validity boundary of an MoU of that agency, the next UTC
 * midnight for relative dates), or when the cache is full (least recently used first).
 */
export class AbilityCache {
  private readonly entries = new Map<string, CompiledPolicy>();
  private built = 0;

  constructor(private readonly maxEntries = 1000) {}

  static keyOf(key: PolicyKey): string {
    return `${key.agencyCode}|${[...key.roles].sort().join(',')}|${key.purpose ?? '-'}|${key.hasCaseReference ? 'case' : '-'}`;
  }

  get(snapshot: PolicySnapshot, key: PolicyKey, now: Date): CompiledPolicy {
    const cacheKey = AbilityCache.keyOf(key);
    const cached = this.entries.get(cacheKey);
    if (cached) {
      this.entries.delete(cacheKey);
      if (cached.built.revision === snapshot.revision && now.getTime() < cached.built.expiresAt) {
        this.entries.set(cacheKey, cached); // most recently used last
        return cached;
      }
    }
    const compiled = new CompiledPolicy(buildPolicy(snapshot, key, now));
    this.built += 1;
    this.entries.set(cacheKey, compiled);
    if (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return compiled;
  }

  clear(): void {
    this.entries.clear();
  }

  /** Abilities built since the cache was made (cache misses), for the metrics. */
  get builds(): number {
    return this.built;
  }

  get size(): number {
    return this.entries.size;
  }
}
