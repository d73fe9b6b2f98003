import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import pg from 'pg';
import { appliedKeyIdentity, appliedKeySourceIdentity } from '../auth/trusted-issuers.js';
import type { AgencyKind } from '../domain/enums.js';
import { AbilityCache } from '../policies/ability-cache.js';
import type { PolicyKey, PolicySnapshot } from '../policies/build-policy.js';
import type { Clause } from '../policies/clause.js';
import type { CompiledPolicy } from '../policies/compiled-policy.js';

export interface AgencyInfo {
  code: string;
  name: string;
  kind: AgencyKind;
  roles: ReadonlySet<string>;
}

/** Everything policy-relevant that the database holds, at one revision. */
export interface GatewaySnapshot extends PolicySnapshot {
  agencies: ReadonlyMap<string, AgencyInfo>;
  /** The keys of the issuers applied to the database (appliedKeyIdentity), so a withdrawal stops their tokens at once. */
  appliedIssuerKeys: ReadonlySet<string>;
  loadedAt: number;
}

export const POLICY_CHANNEL = 'liaison_policy';

/** What a request needs from the policy runtime: the snapshot and the caller's compiled policy. */
export interface PolicySource {
  current(): Promise<GatewaySnapshot>;
  policyFor(key: PolicyKey, now?: Date): Promise<CompiledPolicy>;
  /** A change this process just made (or heard of) reached `revision`: the next request must see it. */
  noteRevision(revision: number): void;
  readonly revision: number;
  /** Abilities built so far (cache misses), where the source caches them. */
  readonly abilityBuilds?: number;
}

/** How often the revision is re-read even without a notification (a missed NOTIFY, a dropped listener). */
const RECHECK_INTERVAL_MS = 1_000;

/**
 * Keeps the policy snapshot current and hands out cached abilities.
 *
 * Revocation is immediate (docs/architecture.md §3.5): every change to MoUs, clauses, agencies
 * or roles bumps `policy_state.revision` and NOTIFYs `liaison_policy` (a database trigger);
 * this store LISTENs, and also re-reads the revision every second as a safety net. A request
 * always uses the snapshot of the newest revision seen; abilities are cached per revision.
 */
export class PolicyStore implements PolicySource {
  private snapshot: GatewaySnapshot | undefined;
  private loading: Promise<GatewaySnapshot> | undefined;
  private knownRevision = 0;
  private readonly cache = new AbilityCache();
  private listener: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private relistenTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { databaseUrl?: string; log?: Logger; watch?: boolean } = {},
  ) {}

  /** Starts watching for revision changes (LISTEN + periodic re-check). */
  async start(): Promise<void> {
    await this.current();
    if (this.options.watch === false) return;
    await this.listen();
    this.timer = setInterval(() => void this.recheck(), RECHECK_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.relistenTimer) clearTimeout(this.relistenTimer);
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  get abilityBuilds(): number {
    return this.cache.builds;
  }

  /** The current snapshot, reloaded if a newer revision was announced. */
  async current(): Promise<GatewaySnapshot> {
    const snapshot = this.snapshot;
    if (snapshot && snapshot.revision >= this.knownRevision) return snapshot;
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /** The compiled policy for a caller at the current revision. */
  async policyFor(key: PolicyKey, now = new Date()): Promise<CompiledPolicy> {
    return this.cache.get(await this.current(), key, now);
  }

  /** Records that the database announced `revision` (from NOTIFY or a re-check). */
  noteRevision(revision: number): void {
    if (revision > this.knownRevision) this.knownRevision = revision;
  }

  get revision(): number {
    return this.snapshot?.revision ?? 0;
  }

  private async listen(): Promise<void> {
    const url = this.options.databaseUrl;
    if (!url || this.stopped) return;
    const client = new pg.Client({ connectionString: url, application_name: 'liaison-policy-listener' });
    client.on('notification', (message) => {
      if (message.channel === POLICY_CHANNEL) this.noteRevision(Number(message.payload));
    });
    let lost = false;
    const onLost = (error?: Error): void => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.options.log?.warn({ err: error?.message }, 'policy listener lost; relying on periodic re-check until it reconnects');
      this.relisten();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`LISTEN ${POLICY_CHANNEL}`);
    } catch (error) {
      onLost(error as Error);
      throw error;
    }
    this.listener = client;
  }

  /** Tries to LISTEN again every second until it works (the database may be down for a while) or the store stops. */
  private relisten(): void {
    if (this.stopped || this.relistenTimer) return;
    this.relistenTimer = setTimeout(() => {
      this.relistenTimer = undefined;
      this.listen().catch(() => undefined); // a failure schedules the next attempt itself
    }, RECHECK_INTERVAL_MS);
    this.relistenTimer.unref();
  }

  private async recheck(): Promise<void> {
    try {
      const [row] = (await this.dataSource.query('SELECT revision FROM policy_state WHERE id = 1')) as { revision: string }[];
      if (row) this.noteRevision(Number(row.revision));
    } catch (error) {
      this.options.log?.debug({ err: (error as Error).message }, 'policy revision re-check failed');
    }
  }

  private async load(): Promise<GatewaySnapshot> {
    const snapshot = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [state] = (await manager.query('SELECT revision FROM policy_state WHERE id = 1')) as { revision: string }[];
      const agencies = (await manager.query(`
        SELECT a.code, a.name, a.kind, coalesce(array_agg(r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
          FROM agency a LEFT JOIN agency_role r ON r.agency_code = a.code
         GROUP BY a.code`)) as { code: string; name: string; kind: AgencyKind; roles: string[] }[];
      const appliedIssuers = (await manager.query('SELECT issuer, agency_code, keys, jwks_uri, discovery FROM trusted_issuer')) as
        { issuer: string; agency_code: string; keys: { kid: string; publicKey: string }[]; jwks_uri: string | null; discovery: boolean }[];
      const rows = (await manager.query(`
        SELECT c.id, c.label, c.subject_type, c.fields, c.conditions, c.purposes, c.recipient_roles,
               c.max_tlp, c.onward_disclosure, c.retention_days, c.case_reference_required, c.daily_record_quota,
               m.id AS mou_id, m.reference, m.version, m.provider_agency_code, m.recipient_agency_code,
               m.purposes AS mou_purposes, m.status, m.valid_from, m.valid_until
          FROM mou_clause c JOIN mou m ON m.id = c.mou_id
         WHERE m.status = 'ACTIVE'
         ORDER BY m.reference, m.version, c.position`)) as ClauseRow[];
      return {
        revision: Number(state?.revision ?? 0),
        agencies: new Map(agencies.map((a) => [a.code, { code: a.code, name: a.name, kind: a.kind, roles: new Set(a.roles) }])),
        appliedIssuerKeys: new Set(appliedIssuers.flatMap((i) => [
          ...i.keys.map((k) => appliedKeyIdentity(i.issuer, i.agency_code, k.kid, k.publicKey)),
          ...(i.jwks_uri !== null || i.discovery ? [appliedKeySourceIdentity(i.issuer, i.agency_code, i.jwks_uri)] : []),
        ])),
        clauses: rows.map(toClause),
        loadedAt: Date.now(),
      } satisfies GatewaySnapshot;
    });
    this.noteRevision(snapshot.revision);
    if (!this.snapshot || snapshot.revision >= this.snapshot.revision) this.snapshot = snapshot;
    this.options.log?.info({ revision: snapshot.revision, clauses: snapshot.clauses.length }, 'policy snapshot loaded');
    return this.snapshot;
  }
}

interface ClauseRow {
  id: string;
  label: string;
  subject_type: string;
  fields: string[];
  conditions: unknown;
  purposes: Clause['purposes'];
  recipient_roles: string[];
  max_tlp: Clause['maxTlp'];
  onward_disclosure: Clause['onwardDisclosure'];
  retention_days: number;
  case_reference_required: boolean;
  daily_record_quota: number | null;
  mou_id: string;
  reference: string;
  version: number;
  provider_agency_code: string;
  recipient_agency_code: string;
  mou_purposes: Clause['purposes'];
  status: Clause['mou']['status'];
  valid_from: Date;
  valid_until: Date | null;
}

function toClause(row: ClauseRow): Clause {
  return {
    id: row.id,
    label: row.label,
    subjectType: row.subject_type,
    fields: row.fields,
    conditions: row.conditions,
    purposes: row.purposes,
    recipientRoles: row.recipient_roles,
    maxTlp: row.max_tlp,
    onwardDisclosure: row.onward_disclosure,
    retentionDays: row.retention_days,
    caseReferenceRequired: row.case_reference_required,
    dailyRecordQuota: row.daily_record_quota,
    mou: {
      id: row.mou_id,
      reference: row.reference,
      version: row.version,
      providerAgencyCode: row.provider_agency_code,
      recipientAgencyCode: row.recipient_agency_code,
      purposes: row.mou_purposes,
      status: row.status,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
    },
  };
}
