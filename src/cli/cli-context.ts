import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { RequestContext } from '../context/request-context.js';
import { CLI_ISSUER } from '../mou/admin-log.js';
import { PolicyStore } from '../enforcement/policy-store.js';

/** The operator's login name, the default identity of CLI actions (`--as` overrides it). */
export const defaultCliUser = (): string => `cli:${userInfo().username}`;

/**
 * A request context for an administrative command run from the command line: the operator
 * acts as an MOU_ADMIN of `agencyCode` under the name `userId`, with no purpose (no personal
 * data is read). Whoever runs the CLI has the database itself; the context exists so that the
 * same services, rules and admin audit log apply (channel CLI).
 */
export async function cliContext(dataSource: DataSource, log: Logger, principal: { agencyCode: string; userId: string }): Promise<RequestContext> {
  const store = new PolicyStore(dataSource, { watch: false });
  const snapshot = await store.current();
  const roles = ['MOU_ADMIN'];
  const policy = await store.policyFor({ agencyCode: principal.agencyCode, roles, purpose: null, hasCaseReference: false });
  return new RequestContext(
    `cli-${randomUUID()}`,
    { userId: principal.userId, agencyCode: principal.agencyCode, roles, issuer: CLI_ISSUER },
    null,
    null,
    policy,
    snapshot,
    dataSource,
    log,
  );
}
