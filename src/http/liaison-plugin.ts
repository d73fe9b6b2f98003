import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { AuditSink } from '../audit/audit-sink.js';
import { RequestContext } from '../context/request-context.js';
import type { RequestDisclosure } from '../context/request-disclosure.js';
import type { PolicySource } from '../enforcement/policy-store.js';
import type { LimitCounters } from '../limits/limit-counters.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { enforceDailyRecordQuotas } from './record-quota-check.js';
import { SERVICE_UNAVAILABLE_MESSAGE } from './format-error.js';
import { searchTermsOf } from './search-terms.js';
import { writeAhead } from './response-text.js';

const unavailable = (decisionId: string): GraphQLFormattedError => ({
  message: SERVICE_UNAVAILABLE_MESSAGE,
  extensions: { code: 'SERVICE_UNAVAILABLE', decisionId },
});

export interface LiaisonPluginDeps {
  log: Logger;
  metrics: GatewayMetrics;
  /** Required: every response is logged; there is no path that skips the log. */
  auditSink: AuditSink;
  /** The daily record quotas' counters (in process, reconciled across processes). */
  limitCounters: LimitCounters;
  /** Told the policy revision an MoU change of the request committed. */
  policyStore: Pick<PolicySource, 'noteRevision'>;
}

/** Sets `extensions.liaison { decisionId, purpose, redactions }` on the response's result (a new extensions object), and returns it. */
function withLiaisonExtensions(result: FormattedExecutionResult, ctx: RequestContext, disclosed: RequestDisclosure): FormattedExecutionResult {
  (result as { extensions?: Record<string, unknown> }).extensions = {
    ...result.extensions,
    liaison: { decisionId: ctx.decisionId, purpose: ctx.purpose, redactions: result.data ? disclosed.redactions : [] },
  };
  return result;
}

/**
 * Counts the request's policy decisions: records disclosed (another agency's) and consulted
 * (the caller's own), fields redacted, refusals. One increment per outcome with its count, not
 * one per record: a page of a hundred records is two label lookups, not a hundred.
 */
export function countDecisions(metrics: Pick<GatewayMetrics, 'policyDecisions'>, disclosed: RequestDisclosure, agencyCode: string): void {
  let consulted = 0;
  let shared = 0;
  for (const entry of disclosed.entries()) {
    if (entry.ownerAgencyCode === agencyCode) consulted += 1;
    else shared += 1;
  }
  let notFound = 0;
  for (const denial of disclosed.denials) if (denial.code === 'NOT_FOUND') notFound += 1;
  const denied = disclosed.denials.length - notFound;
  const counts: [string, number][] = [['consulted', consulted], ['disclosed', shared], ['redacted', disclosed.redactions.length], ['not_found', notFound], ['denied', denied]];
  for (const [outcome, count] of counts) if (count > 0) metrics.policyDecisions.inc({ outcome }, count);
}

/**
 * The gateway's request lifecycle around Apollo:
 * - an MoU change the request committed moves this process to its policy revision, so that
 *   the caller's next request is answered under it (other processes hear the NOTIFY);
 * - before the response leaves: the audit entry is written (fail closed: no entry, no data);
 *   a database outage anywhere in the request withholds all data (no partial answers);
 * - `extensions.liaison { decisionId, purpose, redactions }` on every response;
 * - one structured log line and the metrics per request.
 */
export function liaisonPlugin(deps: LiaisonPluginDeps): ApolloServerPlugin<RequestContext> {
  if (typeof deps.auditSink?.record !== 'function') {
    throw new TypeError('liaisonPlugin: an audit sink is required (every response is written to the disclosure log)');
  }
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors, contextValue }) {
          if (!(contextValue instanceof RequestContext)) return;
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code === undefined || code === 'INTERNAL_SERVER_ERROR') {
              contextValue.log.error({ err: error.originalError ?? error, path: error.path }, 'internal error (masked for the client)');
            }
          }
        },

        async willSendResponse(request: GraphQLRequestContextWillSendResponse<RequestContext>) {
          const { response, contextValue: ctx } = request;
          if (!(ctx instanceof RequestContext) || response.body.kind !== 'single') return;
          const disclosed = ctx.disclosures;
          disclosed.close();
          if (disclosed.committedRevision !== null) deps.policyStore.noteRevision(disclosed.committedRevision);
          const result = response.body.singleResult;
          const errorCodes = (result.errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));

          if (errorCodes.includes('SERVICE_UNAVAILABLE')) {
            response.body.singleResult = { errors: [unavailable(ctx.decisionId)] };
            response.http.status = 503;
          } else if (!(await enforceDailyRecordQuotas(deps.limitCounters, ctx, disclosed, response))) {
            // Refused over a clause's daily record quota (or its counters unreachable): no data left, nothing was disclosed.
          } else {
            const writing = process.hrtime.bigint();
            try {
              const written = deps.auditSink.record(ctx, disclosed, {
                operationName: request.operationName ?? null,
                // Apollo's queryHash is this very SHA-256 (hex) of the source, already computed (a persisted query's is checked against it).
                documentHash: request.source ? request.queryHash ?? createHash('sha256').update(request.source).digest('hex') : null,
                errorCodes,
                searchTerms: ctx.disclosures.searchedSubjects.length > 0 ? searchTermsOf(request.schema, request.operation, request.request.variables) : [],
              });
              // The entry is on its way to the database: the response's text is written meanwhile,
              // and leaves only once the entry is committed (src/http/response-text.ts).
              writeAhead(withLiaisonExtensions(response.body.singleResult, ctx, disclosed));
              await written;
              deps.metrics.disclosureLogWrites.inc({ outcome: 'written' });
            } catch (error) {
              deps.metrics.disclosureLogWrites.inc({ outcome: 'failed' });
              ctx.log.error({ err: error as Error }, 'audit entry could not be written: response withheld');
              response.body.singleResult = { errors: [unavailable(ctx.decisionId)] };
              response.http.status = 503;
            } finally {
              deps.metrics.disclosureLogWriteDuration.observe(Number(process.hrtime.bigint() - writing) / 1e9);
            }
          }

          const body = response.body.singleResult;
          if (!body.extensions?.liaison) withLiaisonExtensions(body, ctx, disclosed);

          const entries = disclosed.entries();
          countDecisions(deps.metrics, disclosed, ctx.principal.agencyCode);
          const finalCodes = (body.errors ?? []).map((e) => String(e.extensions?.code));
          const outcome = finalCodes.length === 0 ? 'ok' : finalCodes.includes('SERVICE_UNAVAILABLE') ? 'unavailable' : 'error';
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          deps.metrics.requestDuration.observe({ operation: request.operation?.operation ?? 'unknown', outcome }, seconds);
          ctx.log.info({
            userId: ctx.principal.userId,
            roles: ctx.principal.roles,
            purpose: ctx.purpose,
            operationName: request.operationName ?? null,
            durationMs: Math.round(seconds * 1e6) / 1e3,
            records: entries.length,
            redactions: disclosed.redactions.length,
            errors: finalCodes,
          }, 'graphql request');
        },
      };
    },
  };
}
