import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Purpose } from '../domain/enums.js';
import type { CompiledPolicy } from '../policies/compiled-policy.js';
import type { GatewaySnapshot } from '../enforcement/policy-store.js';
import { RequestDisclosure } from './request-disclosure.js';

export type { Redaction } from './request-disclosure.js';

/** The caller, from a verified token. */
export interface Principal {
  userId: string;
  agencyCode: string;
  roles: readonly string[];
  issuer: string;
}

/**
 * A request's inputs, passed first to every service call: who asks and why, the policy that
 * decides, the policy snapshot it was built from, the database, the request's log and clock.
 * All of them are fixed before any resolver runs and none changes afterwards.
 *
 * What the request disclosed is not an input: it is the separate output object `disclosures`
 * (a `RequestDisclosure`, created empty with the context), which enforcement writes as the
 * response is built and the response plugin hands to the disclosure log
 * (docs/architecture.md §4).
 */
export class RequestContext {
  /** The request's one output: what it disclosed, withheld and was refused. */
  readonly disclosures = new RequestDisclosure();
  private readonly memo = new Map<string, unknown>();

  constructor(
    readonly decisionId: string,
    readonly principal: Principal,
    readonly purpose: Purpose | null,
    readonly caseReference: string | null,
    readonly policy: CompiledPolicy,
    readonly snapshot: GatewaySnapshot,
    readonly dataSource: DataSource,
    readonly log: Logger,
    readonly now: Date = new Date(),
  ) {}

  /** A per-request singleton (DataLoaders), created on first use. */
  once<T>(key: string, create: () => T): T {
    let value = this.memo.get(key) as T | undefined;
    if (value === undefined) {
      value = create();
      this.memo.set(key, value);
    }
    return value;
  }
}
