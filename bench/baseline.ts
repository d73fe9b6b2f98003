import type { AuditSink } from '../src/audit/audit-sink.js';
import { buildPolicy, type PolicyKey } from '../src/policies/build-policy.js';
import { createLiaisonAbility } from '../src/policies/ability.js';
import { CompiledPolicy } from '../src/policies/compiled-policy.js';
import { SUBJECT_TYPES } from '../src/policies/subjects.js';
import type { GatewaySnapshot, PolicySource } from '../src/enforcement/policy-store.js';

/**
 * The benchmark's baseline policy: every caller reads every row and field, no gates. It is
 * injected into `createServer` by the benchmark code only; nothing in configuration can
 * select it, so a production gateway can never run without its policy.
 */
export class AllowAllPolicy implements PolicySource {
  private readonly policies = new Map<string, CompiledPolicy>();

  constructor(private readonly real: PolicySource) {}

  current(): Promise<GatewaySnapshot> {
    return this.real.current();
  }

  get revision(): number {
    return this.real.revision;
  }

  noteRevision(revision: number): void {
    this.real.noteRevision(revision);
  }

  async policyFor(key: PolicyKey): Promise<CompiledPolicy> {
    const cacheKey = `${key.agencyCode}|${key.roles.join(',')}`;
    let policy = this.policies.get(cacheKey);
    if (!policy) {
      const built = buildPolicy({ revision: this.revision, clauses: [] }, key, new Date());
      const rules = [{ action: 'read' as const, subject: [...SUBJECT_TYPES] }];
      policy = new CompiledPolicy({ ...built, rules, ability: createLiaisonAbility(rules), gates: new Map(), expiresAt: Number.MAX_SAFE_INTEGER });
      this.policies.set(cacheKey, policy);
    }
    return policy;
  }
}

/**
 * The benchmark's audit sink that writes nothing, for the baseline without a disclosure log
 * and for the measurements of the log's own cost. It exists only here: `createServer` requires
 * a sink, and nothing in src/ builds one that discards entries.
 */
export class DiscardingAuditSink implements AuditSink {
  async record(): Promise<void> {
    // Nothing is written: this gateway is a measurement baseline, never a deployment.
  }
}
