import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { DisclosureLog } from '../audit/disclosure-log.js';
import { DisclosureRecorder } from '../audit/disclosure-recorder.js';
import type { Purpose } from '../domain/enums.js';
import type { CompiledPolicy, RedactionReason } from '../policies/compiled-policy.js';
import type { GatewaySnapshot } from '../enforcement/policy-store.js';

/** The caller, from a verified token. */
export interface Principal {
  userId: string;
  agencyCode: string;
  roles: readonly string[];
  issuer: string;
}

/** A field withheld from the response: `null` in data, listed in `extensions.liaison.redactions`. */
export interface Redaction {
  /** The response path, keys and list indices (as in GraphQL errors). */
  path: readonly (string | number)[];
  reason: RedactionReason;
}

/**
 * Everything a request carries, passed first to every service call: who asks and why, the
 * policy that decides, the database, and what the response disclosed so far.
 */
export class RequestContext {
  readonly disclosures = new DisclosureRecorder();
  readonly redactions: Redaction[] = [];
  /**
   * Told the policy revision a change committed by this request produced, so that this
   * process answers the caller's next request under it (other processes hear the NOTIFY).
   */
  onPolicyChange: (revision: number) => void = () => undefined;
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
    /** The disclosure log, for its readers (auditors, MoU administrators); null when none is configured. */
    readonly auditLog: DisclosureLog | null = null,
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
