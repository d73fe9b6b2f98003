import { trace } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express, { type Express, type RequestHandler } from 'express';
import type { RequestListener, Server } from 'node:http';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AuditSink } from './audit/audit-sink.js';
import type { DisclosureLog } from './audit/disclosure-log.js';
import type { TrustedIssuers } from './auth/trusted-issuers.js';
import { VerifiedTokens } from './auth/verified-tokens.js';
import type { Config } from './config.js';
import type { RequestContext } from './context/request-context.js';
import { gatewayListener, listenWith } from './http/api-route.js';
import { checkpointRoutes } from './http/checkpoint-routes.js';
import { consoleRoutes } from './http/console-assets.js';
import { corsPolicy } from './http/cors-policy.js';
import { createRequestContext } from './http/create-context.js';
import { decisionIdOnErrors } from './http/decision-id-on-errors.js';
import { formatError } from './http/format-error.js';
import { graphqlOverExpress } from './http/graphql-over-express.js';
import { DECISION_ID_HEADER } from './http/headers.js';
import { developmentIssuerRoutes } from './http/development-issuer.js';
import { httpErrorHandler, sendHttpError } from './http/http-errors.js';
import { KnownOperationTypes } from './http/known-operation-types.js';
import { SubscriptionsOverWebSocket } from './http/subscriptions-over-websocket.js';
import { liaisonPlugin } from './http/liaison-plugin.js';
import { securityHeaders } from './http/security-headers.js';
import { singleOperationOnly } from './http/single-operation.js';
import { withoutSuggestions } from './http/without-suggestions.js';
import { queryLimitProtection } from './limits/query-limits.js';
import { LimitCounters } from './limits/limit-counters.js';
import { createRateLimitPool, RequestRateLimiter } from './limits/request-rate-limiter.js';
import { GatewayMetrics } from './observability/metrics.js';
import { DECISION_ID_ATTRIBUTE, tracingConfigured } from './observability/tracing.js';
import { metricsAccess, watchGatewayResources } from './observability/metrics-endpoint.js';
import type { GatewayRoot } from './resolvers/gateway-root.js';
import { recordFieldResolver } from './resolvers/record-field-resolver.js';
import { gatewaySchema } from './schema/build-schema.js';
import type { PolicySource } from './enforcement/policy-store.js';
import { RecordChangeSubscriptions } from './alerts/subscriptions.js';
import { NoticeSubscriptions } from './notices/notice-subscriptions.js';
import { subscriptionEndpoint, type SubscriptionEndpoint } from './http/subscriptions.js';
import { webhookRegistryRules } from './webhooks/registry-rules.js';
import { stringifyResult } from './http/response-text.js';
import { apolloQueryExecution } from './http/apollo-query-execution.js';

export interface ServerDeps {
  config: Config;
  dataSource: DataSource;
  policyStore: PolicySource;
  issuers: TrustedIssuers;
  log: Logger;
  metrics?: GatewayMetrics;
  /**
   * Where each request's disclosure-log entry is written before its response leaves (fail
   * closed). Required, in the type and at run time: a server without a log cannot be built.
   * A gateway passes its `DisclosureLog`; only the benchmark's allow-all baseline passes a
   * sink that writes nothing, built in bench/.
   */
  auditSink: AuditSink;
  /** The disclosure log that `disclosures`, `auditIntegrity` and `sealDisclosureLog` read; null where none runs (they answer SERVICE_UNAVAILABLE). */
  disclosureLog: DisclosureLog | null;
}

export interface LiaisonServer {
  /** The Express app: every route but the API's hot path, which it also serves (for a host app mounting it). */
  app: Express;
  /** The gateway's request listener: POST /graphql without Express, everything else through `app` (src/http/api-route.ts). */
  listener: RequestListener;
  /** An HTTP server on `listener` (as `app.listen`). */
  listen(port: number, host: string): Server;
  apollo: ApolloServer<RequestContext>;
  metrics: GatewayMetrics;
  /** Record-change subscriptions over WebSocket: attach to the HTTP server once it listens. */
  subscriptions: SubscriptionEndpoint;
  /** The process's record-change subscriptions (their change-feed dispatcher starts with the first one). */
  recordChanges: RecordChangeSubscriptions;
  notices: NoticeSubscriptions;
  /** The rate-limit and daily-quota counters of this process (`reconcile()` forces a reconciliation: tests). */
  limitCounters: LimitCounters;
  stop(): Promise<void>;
}

const READINESS_TIMEOUT_MS = 2_000;

/**
 * The gateway as an Express app, without listening (tests and `main.ts` listen). Routes:
 * `/graphql`, `/healthz` (the process is up), `/readyz` (the database answers), `/metrics`.
 */
export async function createServer(deps: ServerDeps): Promise<LiaisonServer> {
  if (typeof deps.auditSink?.record !== 'function') {
    throw new TypeError('createServer: deps.auditSink is required: every response is written to the disclosure log before it leaves');
  }
  if (deps.disclosureLog === undefined) {
    throw new TypeError('createServer: deps.disclosureLog must be given (null when no log readers are served)');
  }
  const metrics = deps.metrics ?? new GatewayMetrics();
  const development = deps.config.mode === 'development';
  // Rate limits and daily quotas: counted here, reconciled with the other processes on an interval (no round trip per request).
  let limitCounters: LimitCounters | null = null;
  const rateLimitPool = createRateLimitPool(
    (deps.dataSource.options as { url: string }).url, deps.config.db, deps.log, () => limitCounters?.connectionLost(),
  );
  limitCounters = new LimitCounters(rateLimitPool, deps.config.limitSync, deps.log).start();
  const rateLimiter = new RequestRateLimiter(limitCounters, deps.config.rateLimits);
  watchGatewayResources(metrics, { dataSource: deps.dataSource, rateLimitPool, disclosureLog: deps.disclosureLog ?? undefined, policyStore: deps.policyStore });
  const verifiedTokens = new VerifiedTokens(deps.issuers, {
    audience: deps.config.jwt.audience,
    clockToleranceSeconds: deps.config.jwt.clockToleranceSeconds,
    maxLifetimeSeconds: deps.config.jwt.maxLifetimeSeconds,
  });
  // Depth, aliases, directives, tokens, cost and page size: refused before any resolver runs.
  const limits = queryLimitProtection(deps.config.queryLimits);
  const schema = await gatewaySchema();
  const errorFormat = development ? formatError : withoutSuggestions(formatError);
  // The log readers' operations reach the disclosure log through the root value, not the request context.
  const rootValue = { disclosureLog: deps.disclosureLog, webhookRegistry: webhookRegistryRules(deps.config.alerts) } satisfies GatewayRoot;
  // Queries run by the query executor (src/http/apollo-query-execution.ts); with tracing on, by
  // graphql-js, whose execution OpenTelemetry instruments.
  const queries = tracingConfigured() ? null : apolloQueryExecution(schema, rootValue);
  const apollo = new ApolloServer<RequestContext>({
    ...(queries ? { gateway: queries.gateway } : { schema, fieldResolver: recordFieldResolver, rootValue }),
    // The response's text, written while its disclosure-log entry commits (src/http/response-text.ts).
    stringifyResult,
    // Production answers name no part of the schema the caller did not write (no "Did you mean …").
    formatError: errorFormat,
    // The schema is public in development only (docs/architecture.md §8, toolchain note 7: set explicitly, never from NODE_ENV).
    introspection: development,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: !development,
    csrfPrevention: true,
    // No automatic persisted queries: every request carries its whole document, which the query
    // limits and the disclosure log (documentHash) see; no cache of documents to fill or probe.
    persistedQueries: false,
    allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
    parseOptions: limits.parseOptions,
    validationRules: [KnownOperationTypes, SubscriptionsOverWebSocket, ...limits.validationRules],
    // main.ts owns shutdown: drain HTTP, then Apollo, then the database.
    stopOnTerminationSignals: false,
    plugins: [
      // First: the decision id is on every error before the other plugins read or replace them.
      decisionIdOnErrors(),
      ...limits.plugins,
      liaisonPlugin({ log: deps.log, metrics, auditSink: deps.auditSink, policyStore: deps.policyStore, limitCounters }),
      ...(queries ? [queries.plugin] : []),
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP caching of personal data, and no per-field cache-hint wrapper on the hot path.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // No ETag: every answer is \`Cache-Control: no-store\` (personal data is not cached), so a
  // digest of each body — 20–90 KB for a page of records — would be computed for nothing.
  // (The console's static files keep theirs: express.static sets its own.)
  app.set('etag', false);
  app.set('trust proxy', false);
  // Every answer: a decision id (the operator's handle on the request in the logs), no caching.
  const decisionIdentity: RequestHandler = (_req, res, next) => {
    const decisionId = randomUUID();
    // Express creates `res.locals`; the API's road (src/http/api-route.ts) does not pass through Express.
    res.locals ??= Object.create(null) as Record<string, unknown>;
    res.locals.decisionId = decisionId;
    res.setHeader(DECISION_ID_HEADER, decisionId);
    trace.getActiveSpan()?.setAttribute(DECISION_ID_ATTRIBUTE, decisionId);
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
  const headers = securityHeaders();
  app.use(decisionIdentity, headers);

  // The API's chain. The gateway's listener runs it for POST /graphql before Express sees the
  // request (src/http/api-route.ts); the app serves it too, first (an app mounting this one),
  // and other methods (the CORS preflight, GraphiQL's GET, the 405s) take it further down,
  // after the console's routes.
  const contextDeps = { ...deps, metrics, rateLimiter, verifiedTokens };
  const graphql = [
    corsPolicy(deps.config.corsOrigins),
    express.json({ limit: deps.config.queryLimits.maxBodyBytes }),
    singleOperationOnly,
    graphqlOverExpress(apollo, ({ req, res }) => createRequestContext(contextDeps, req, res)),
  ];
  app.post('/graphql', ...graphql);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    try {
      await Promise.race([
        deps.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), READINESS_TIMEOUT_MS).unref()),
      ]);
      res.json({ status: 'ready', policyRevision: deps.policyStore.revision });
    } catch (error) {
      deps.log.warn({ err: (error as Error).message }, 'readiness check failed: database not answering');
      res.status(503).json({ status: 'unavailable' });
    }
  });

  if (deps.disclosureLog) app.use(checkpointRoutes(deps.disclosureLog, deps.log));

  app.get('/metrics', metricsAccess(deps.config), async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  // The console and the GraphiQL page (static files), and in development the development issuer.
  app.use(consoleRoutes(deps.config, deps.issuers.signInProviders));
  if (development) app.use(developmentIssuerRoutes(deps.policyStore, deps.config.jwt.audience));

  app.use('/graphql', ...graphql);
  const recordChanges = new RecordChangeSubscriptions({
    databaseUrl: (deps.dataSource.options as { url: string }).url,
    db: { query: async (text, values) => ({ rows: await deps.dataSource.query(text, values) }) },
    policy: deps.policyStore,
    log: deps.log,
    imageRetentionDays: deps.config.alerts.imageRetentionDays,
  });
  const notices = new NoticeSubscriptions({ databaseUrl: (deps.dataSource.options as { url: string }).url, db: deps.dataSource, log: deps.log });
  const subscriptions = subscriptionEndpoint({
    ...deps, metrics, rateLimiter, verifiedTokens, schema, recordChanges, notices, fieldResolver: recordFieldResolver,
    validationRules: [KnownOperationTypes, ...limits.validationRules],
    parseOptions: limits.parseOptions,
    maxPayloadBytes: deps.config.queryLimits.maxBodyBytes,
    maxSubscriptionsPerConnection: deps.config.alerts.maxSubscriptionsPerConnection,
    formatError: errorFormat,
  });

  app.use((_req, res) => sendHttpError(res, 404, 'NOT_FOUND', 'No such endpoint: the API is at /graphql'));
  const onError = httpErrorHandler(deps.log);
  app.use(onError);
  const listener = gatewayListener([decisionIdentity, headers, ...graphql], onError, app);

  return {
    app,
    listener,
    listen: (port, host) => listenWith(listener, port, host),
    apollo,
    metrics,
    subscriptions,
    recordChanges,
    notices,
    limitCounters,
    stop: async () => {
      await subscriptions.close();
      await recordChanges.stop();
      await notices.stop();
      await apollo.stop();
      await limitCounters.stop();
      await rateLimitPool.end();
    },
  };
}
