import type { Request, Response } from 'express';
import type { DisclosureLog } from '../audit/disclosure-log.js';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { TokenRejected, verifyAccessToken } from '../auth/verify-token.js';
import type { TrustedIssuers } from '../auth/trusted-issuers.js';
import { RequestContext } from '../context/request-context.js';
import { forbidden, LiaisonError, serviceUnavailable, unauthenticated } from '../errors.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { PolicyStore } from '../services/policy-store.js';
import { bearerToken, CASE_REFERENCE_HEADER, caseReferenceFrom, PURPOSE_HEADER, purposeFrom } from './headers.js';

export interface ContextDeps {
  config: Config;
  dataSource: DataSource;
  issuers: TrustedIssuers;
  policyStore: PolicyStore;
  log: Logger;
  metrics: GatewayMetrics;
  disclosureLog?: DisclosureLog;
}

/**
 * Authenticates the request and fixes its policy, before any resolver runs (a failure here
 * is a 401/403/400/503 with no data). The agency comes from the issuer binding; roles must
 * be roles of that agency.
 */
export async function createRequestContext(deps: ContextDeps, req: Request, res: Response): Promise<RequestContext> {
  const decisionId = res.locals.decisionId as string;
  const log = deps.log.child({ decisionId });
  try {
    const token = bearerToken(req.headers.authorization);
    if (!token) {
      log.info({ reason: req.headers.authorization ? 'malformed Authorization header' : 'no bearer token' }, 'request refused: unauthenticated');
      throw unauthenticated();
    }
    let verified;
    try {
      verified = verifyAccessToken(token, deps.issuers, {
        audience: deps.config.jwt.audience,
        clockToleranceSeconds: deps.config.jwt.clockToleranceSeconds,
        maxLifetimeSeconds: deps.config.jwt.maxLifetimeSeconds,
      });
    } catch (error) {
      if (error instanceof TokenRejected) {
        log.warn({ reason: error.reason }, 'request refused: token rejected');
        throw unauthenticated();
      }
      throw error;
    }
    const purpose = purposeFrom(req.headers[PURPOSE_HEADER]);
    const caseReference = caseReferenceFrom(req.headers[CASE_REFERENCE_HEADER]);

    let snapshot;
    try {
      snapshot = await deps.policyStore.current();
    } catch (error) {
      log.error({ err: (error as Error).message }, 'policy snapshot unavailable');
      throw serviceUnavailable();
    }
    const agency = snapshot.agencies.get(verified.agencyCode);
    if (!agency) {
      log.warn({ reason: `issuer ${verified.issuer} is bound to unknown agency ${verified.agencyCode}` }, 'request refused: token rejected');
      throw unauthenticated();
    }
    const unknownRoles = verified.roles.filter((role) => !agency.roles.has(role));
    if (unknownRoles.length > 0) {
      log.warn({ agency: agency.code, unknownRoles }, 'request refused: roles unknown to the agency');
      throw forbidden(`Roles not defined for agency ${agency.code}: ${unknownRoles.join(', ')}`, 403);
    }
    const policy = await deps.policyStore.policyFor({
      agencyCode: agency.code, roles: verified.roles, purpose, hasCaseReference: caseReference !== null,
    });
    return new RequestContext(
      decisionId,
      { userId: verified.userId, agencyCode: agency.code, roles: verified.roles, issuer: verified.issuer },
      purpose,
      caseReference,
      policy,
      snapshot,
      deps.dataSource,
      log.child({ agency: agency.code }),
      new Date(),
      deps.disclosureLog ?? null,
    );
  } catch (error) {
    if (error instanceof LiaisonError) {
      error.extensions.decisionId = decisionId;
      deps.metrics.policyDecisions.inc({ outcome: 'denied' });
    }
    throw error;
  }
}
