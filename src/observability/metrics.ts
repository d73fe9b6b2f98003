import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the metrics read of a pg pool. */
export interface PoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Prometheus metrics of one gateway instance (a registry per server, so tests can run several). */
export class GatewayMetrics {
  readonly registry = new Registry();

  readonly requestDuration = new Histogram({
    name: 'liaison_graphql_request_duration_seconds',
    help: 'GraphQL request latency, by operation type and outcome',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly policyDecisions = new Counter({
    name: 'liaison_policy_decisions_total',
    help: 'Policy decisions on records and requests, by outcome: disclosed (another agency\'s record), consulted (own agency\'s), redacted (a withheld field asked for), denied (purpose, case reference, filter), not_found',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly abilityBuilds = new Counter({
    name: 'liaison_ability_builds_total',
    help: 'Abilities compiled (cache misses)',
    registers: [this.registry],
    collect: () => this.collectAbilityBuilds(),
  });

  readonly disclosureLogWrites = new Counter({
    name: 'liaison_disclosure_log_writes_total',
    help: 'Requests handed to the disclosure log before their response (an entry is written when the request read or was refused anything), by outcome: written, failed (the response became a 503)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly disclosureLogWriteDuration = new Histogram({
    name: 'liaison_disclosure_log_write_duration_seconds',
    help: 'Time a response waited for its disclosure-log entry to be committed',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [this.registry],
  });

  readonly rateLimitRefusals = new Counter({
    name: 'liaison_rate_limit_refusals_total',
    help: 'Requests refused with RATE_LIMITED, by the limit reached: user or agency',
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });

  readonly poolConnections = new Gauge({
    name: 'liaison_db_pool_connections',
    help: 'Database connections of this process, by pool (requests, disclosure_log, rate_limits) and state: total, idle, and waiting (requests queued for a connection)',
    labelNames: ['pool', 'state'] as const,
    registers: [this.registry],
    collect: () => this.collectPools(),
  });

  private abilityBuildSource: (() => number) | null = null;
  private readonly pools = new Map<string, PoolLike>();

  /** Reads the ability cache's count of builds whenever the metrics are collected. */
  watchAbilityBuilds(source: () => number): void {
    this.abilityBuildSource = source;
  }

  /** Reports these pools' connections whenever the metrics are collected. */
  watchPool(name: string, pool: PoolLike): void {
    this.pools.set(name, pool);
  }

  private collectAbilityBuilds(): void {
    if (!this.abilityBuildSource) return;
    this.abilityBuilds.reset();
    this.abilityBuilds.inc(this.abilityBuildSource());
  }

  private collectPools(): void {
    for (const [pool, p] of this.pools) {
      this.poolConnections.set({ pool, state: 'total' }, p.totalCount);
      this.poolConnections.set({ pool, state: 'idle' }, p.idleCount);
      this.poolConnections.set({ pool, state: 'waiting' }, p.waitingCount);
    }
  }

  constructor(defaultMetrics = true) {
    if (defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'liaison_' });
  }
}
