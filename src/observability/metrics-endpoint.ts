import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { PolicySource } from '../enforcement/policy-store.js';
import type { GatewayMetrics, PoolLike } from './metrics.js';

/**
 * Who may read `/metrics`: with LIAISON_METRICS_TOKEN set, a request bearing that secret
 * (`Authorization: Bearer …`, compared in constant time); without it, anyone in development
 * mode and nobody in production mode (404, as for an endpoint that does not exist). Metrics
 * name agencies' activity and the gateway's load: not for the public.
 */
export function metricsAccess(config: Pick<Config, 'mode' | 'metricsToken'>): RequestHandler {
  const expected = config.metricsToken ? createHash('sha256').update(config.metricsToken).digest() : null;
  return (req, res, next) => {
    if (!expected) {
      if (config.mode === 'development') return next();
      res.status(404).json({ error: 'NOT_FOUND', message: 'No such endpoint: set LIAISON_METRICS_TOKEN to serve /metrics' });
      return;
    }
    const presented = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (!timingSafeEqual(createHash('sha256').update(presented).digest(), expected)) {
      res.status(401).set('WWW-Authenticate', 'Bearer realm="liaison-metrics"').json({ error: 'UNAUTHENTICATED', message: 'The metrics need the bearer token of LIAISON_METRICS_TOKEN' });
      return;
    }
    next();
  };
}

/** Registers the process's connection pools and its ability cache with the metrics. */
export function watchGatewayResources(metrics: GatewayMetrics, parts: {
  dataSource: DataSource;
  rateLimitPool: PoolLike;
  disclosureLog?: { pool: PoolLike } | undefined;
  policyStore: PolicySource;
}): void {
  const requests = (parts.dataSource.driver as unknown as { master?: PoolLike }).master;
  if (requests) metrics.watchPool('requests', requests);
  metrics.watchPool('rate_limits', parts.rateLimitPool);
  if (parts.disclosureLog) metrics.watchPool('disclosure_log', parts.disclosureLog.pool);
  if (parts.policyStore.abilityBuilds !== undefined) metrics.watchAbilityBuilds(() => parts.policyStore.abilityBuilds ?? 0);
}
