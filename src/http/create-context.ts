import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { TokenRejected } from '../auth/verify-token.js';
import type { VerifiedTokens } from '../auth/verified-tokens.js';
import type { TrustedIssuers } from '../auth/trusted-issuers.js';
import { RequestContext } from '../context/request-context.js';
import { forbidden, LiaisonError, rateLimited, serviceUnavailable, unauthenticated } from '../errors.js';
import type { RequestRateLimiter } from '../limits/request-rate-limiter.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { PolicySource } from '../enforcement/policy-store.js';
import { INTERNAL_MESSAGE, isDatabaseUnavailable } from './format-error.js';
import { bearerToken, CASE_REFERENCE_HEADER, caseReferenceFrom, PURPOSE_HEADER, purposeFrom } from './headers.js';

export interface ContextDeps {
  config: Config;
  dataSource: DataSource;
  issuers: TrustedIssuers;
  verifiedTokens: VerifiedTokens;
  policyStore: PolicySource;
  log: Logger;
  metrics: GatewayMetrics;
  rateLimiter: RequestRateLimiter;
}

/** What a caller presents: the HTTP headers, or a WebSocket's connection parameters. */
export interface CallerCredentials {
  authorization: string | undefined;
  purpose: string | string[] | undefined;
  caseReference: string | string[] | undefined;
}

/**
 * Authenticates the request, counts it against the rate limits and fixes its policy, before
 * any resolver runs (a failure here is a 401/403/400/429/503 with no data). The agency comes
 * from the issuer binding; roles must be roles of that agency. Any other failure is masked
 * as INTERNAL_SERVER_ERROR with the decision id, its cause logged under that id.
 */
export async function createRequestContext(deps: ContextDeps, req: Request, res: Response): Promise<RequestContext> {
  const caller = await authenticateCaller(deps, {
    authorization: req.headers.authorization,
    purpose: req.headers[PURPOSE_HEADER],
    caseReference: req.headers[CASE_REFERENCE_HEADER],
  }, res.locals.decisionId as string);
  return caller.context;
}

/**
 * The one verification of a caller, for HTTP requests and WebSocket connections alike
 * (src/http/subscriptions.ts): the context, and when the token stops being valid.
 */
export async function authenticateCaller(
  deps: ContextDeps, credentials: CallerCredentials, decisionId: string,
): Promise<{ context: RequestContext; expiresAt: Date }> {
  // The request's logger is made once, with the agency, when the context is; a refusal before
  // that logs under a logger of its own (one pino child per request, not two).
  let refusalLog: Logger | undefined;
  const log = (): Logger => (refusalLog ??= deps.log.child({ decisionId }));
  try {
    const token = bearerToken(credentials.authorization);
    if (!token) {
      log().info({ reason: credentials.authorization ? 'malformed Authorization header' : 'no bearer token' }, 'request refused: unauthenticated');
      throw unauthenticated();
    }
    let verified;
    try {
      verified = await deps.verifiedTokens.verify(token);
    } catch (error) {
      if (error instanceof TokenRejected) {
        log().warn({ reason: error.reason }, 'request refused: token rejected');
        throw unauthenticated();
      }
      throw error;
    }
    const purpose = purposeFrom(credentials.purpose);
    const caseReference = caseReferenceFrom(credentials.caseReference);

    let snapshot;
    try {
      snapshot = await deps.policyStore.current();
    } catch (error) {
      log().error({ err: (error as Error).message }, 'policy snapshot unavailable');
      throw serviceUnavailable();
    }
    const appliedKey = deps.issuers.appliedKeyIdentity(verified.issuer, verified.keyId);
    if (appliedKey !== undefined && !snapshot.appliedIssuerKeys.has(appliedKey)) {
      log().warn({ reason: `issuer ${verified.issuer} key ${verified.keyId} (bound to ${verified.agencyCode}) is no longer in the reference data` }, 'request refused: token rejected');
      throw unauthenticated();
    }
    const agency = snapshot.agencies.get(verified.agencyCode);
    if (!agency) {
      log().warn({ reason: `issuer ${verified.issuer} is bound to unknown agency ${verified.agencyCode}` }, 'request refused: token rejected');
      throw unauthenticated();
    }
    const unknownRoles = verified.roles.filter((role) => !agency.roles.has(role));
    if (unknownRoles.length > 0) {
      log().warn({ agency: agency.code, unknownRoles }, 'request refused: roles unknown to the agency');
      throw forbidden(`Roles not defined for agency ${agency.code}: ${unknownRoles.join(', ')}`, 403);
    }
    const decision = await deps.rateLimiter.consume({ issuer: verified.issuer, userId: verified.userId, agencyCode: agency.code });
    if (!decision.allowed) {
      log().warn({ agency: agency.code, userId: verified.userId, scope: decision.scope, limit: decision.limit }, 'request refused: rate limit');
      deps.metrics.rateLimitRefusals.inc({ scope: decision.scope });
      throw rateLimited(
        `Rate limit reached: at most ${decision.limit} requests per ${decision.windowSeconds} s ${decision.scope === 'user' ? 'for each user' : `for all users of ${agency.code} together`}; retry after ${decision.retryAfterSeconds} s`,
        decision.retryAfterSeconds,
      );
    }
    const policy = await deps.policyStore.policyFor({
      agencyCode: agency.code, roles: verified.roles, purpose, hasCaseReference: caseReference !== null,
    });
    const context = new RequestContext(
      decisionId,
      { userId: verified.userId, agencyCode: agency.code, roles: verified.roles, issuer: verified.issuer },
      purpose,
      caseReference,
      policy,
      snapshot,
      deps.dataSource,
      deps.log.child({ decisionId, agency: agency.code }),
      new Date(),
    );
    return { context, expiresAt: verified.expiresAt };
  } catch (error) {
    if (error instanceof LiaisonError) {
      error.extensions.decisionId = decisionId;
      deps.metrics.policyDecisions.inc({ outcome: 'denied' });
      throw error;
    }
    if (isDatabaseUnavailable(error)) {
      log().error({ err: (error as Error).message }, 'request refused: database not answering');
      const unavailable = serviceUnavailable();
      unavailable.extensions.decisionId = decisionId;
      throw unavailable;
    }
    log().error({ err: error as Error }, 'request context could not be created (masked for the client)');
    throw new LiaisonError('INTERNAL_SERVER_ERROR', INTERNAL_MESSAGE, { status: 500, details: { decisionId } });
  }
}
