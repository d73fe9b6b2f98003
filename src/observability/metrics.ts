import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
  });

  constructor(defaultMetrics = true) {
    if (defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'liaison_' });
  }
}
