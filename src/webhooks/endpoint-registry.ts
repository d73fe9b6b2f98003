import { isIP } from 'node:net';
import type { DataSource } from 'typeorm';
import { PURPOSES, type Purpose } from '../domain/enums.js';
import { isRecordId } from '../domain/input.js';
import { badUserInput, LiaisonError, notFound } from '../errors.js';
import { latestPosition } from '../feed/change-feed.js';
import { SUBJECT_TYPES } from '../policies/subjects.js';
import { AddressRefused, allowedAddresses, type Resolver } from './guarded-lookup.js';
import type { AddressRules } from './address-rules.js';
import { endpointUrlProblem, hostOf } from './endpoint-url.js';
import { ALERT_TYPES, type AlertFilter } from '../alerts/index.js';
import { RISK_LEVELS } from '../domain/enums.js';
import { newSigningSecret, sealSecret } from './signing-secret.js';

/**
 * The webhook registry: an agency's MOU_ADMIN registers, lists, rotates and removes its
 * agency's endpoints. Every operation is scoped to the caller's agency: another agency's
 * endpoint answers exactly like a missing one.
 */
export interface WebhookActor {
  agencyCode: string;
  userId: string;
}

export interface WebhookInput {
  url: string;
  description?: string | null;
  purpose: string;
  roles: string[];
  caseReference?: string | null;
  filter?: AlertFilter | null;
}

export interface WebhookEndpoint {
  id: string;
  agencyCode: string;
  url: string;
  description: string | null;
  purpose: Purpose;
  roles: string[];
  caseReference: string | null;
  filter: AlertFilter;
  position: number;
  createdAt: Date;
  createdBy: string;
  removedAt: Date | null;
  previousSecretUntil: Date | null;
}

export interface RegistryRules {
  addresses: AddressRules;
  secretKey: Buffer | null;
  resolve: Resolver;
  secretOverlapSeconds: number;
}

const CHANGES = ['CREATE', 'UPDATE', 'CORRECTION', 'WITHDRAWAL'] as const;
const MAX_ENDPOINTS_PER_AGENCY = 50;

interface EndpointRow {
  id: string; agency_code: string; url: string; description: string | null; purpose: Purpose; roles: string[];
  case_reference: string | null; event_filter: AlertFilter; position: string; created_at: Date; created_by: string;
  removed_at: Date | null; previous_secret_until: Date | null;
}

export const ENDPOINT_COLUMNS = 'id, agency_code, url, description, purpose, roles, case_reference, event_filter, position, created_at, created_by, removed_at, previous_secret_until';

export const toEndpoint = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id, agencyCode: r.agency_code, url: r.url, description: r.description, purpose: r.purpose, roles: r.roles,
  caseReference: r.case_reference, filter: r.event_filter, position: Number(r.position), createdAt: r.created_at,
  createdBy: r.created_by, removedAt: r.removed_at, previousSecretUntil: r.previous_secret_until,
});

const webhooksOff = (): LiaisonError =>
  new LiaisonError('SERVICE_UNAVAILABLE', 'Webhooks are off: LIAISON_WEBHOOK_SECRET_KEY is not configured', { status: 503 });

/** Every problem with an endpoint's terms at once (the URL's address is checked after). */
async function problemsOf(db: DataSource, actor: WebhookActor, input: WebhookInput, rules: RegistryRules): Promise<string[]> {
  const problems: string[] = [];
  const urlProblem = endpointUrlProblem(input.url, rules.addresses);
  if (urlProblem) problems.push(urlProblem);
  if (!(PURPOSES as readonly string[]).includes(input.purpose)) problems.push(`purpose: ${input.purpose} is not a purpose`);
  const roles = [...new Set(input.roles)];
  if (roles.length === 0 || roles.length > 20) problems.push('roles: between 1 and 20 roles');
  const defined = new Set((await db.query<{ role: string }[]>(`SELECT role FROM agency_role WHERE agency_code = $1`, [actor.agencyCode])).map((r) => r.role));
  for (const role of roles) if (!defined.has(role)) problems.push(`roles: ${role} is not a role of ${actor.agencyCode}`);
  if (input.description && input.description.length > 500) problems.push('description: at most 500 characters');
  if (input.caseReference !== undefined && input.caseReference !== null && (input.caseReference.trim() === '' || input.caseReference.length > 200)) {
    problems.push('caseReference: 1 to 200 characters');
  }
  const filter = input.filter ?? {};
  for (const subject of filter.subjects ?? []) if (!(SUBJECT_TYPES as readonly string[]).includes(subject)) problems.push(`filter.subjects: ${subject} is not a kind of record`);
  for (const type of filter.types ?? []) if (!(ALERT_TYPES as readonly string[]).includes(type)) problems.push(`filter.types: ${type} is not an alert type (${ALERT_TYPES.join(', ')})`);
  for (const change of filter.changeKinds ?? []) if (!(CHANGES as readonly string[]).includes(change)) problems.push(`filter.changeKinds: ${change} is not a kind of change`);
  if (filter.prisonerId && !isRecordId(filter.prisonerId)) problems.push('filter.prisonerId: not a record id');
  if (filter.minSeverity && !(RISK_LEVELS as readonly string[]).includes(filter.minSeverity)) problems.push(`filter.minSeverity: ${filter.minSeverity} is not a risk level`);
  if (filter.releaseWithinDays !== null && filter.releaseWithinDays !== undefined && !(Number.isInteger(filter.releaseWithinDays) && filter.releaseWithinDays >= 0 && filter.releaseWithinDays <= 3650)) {
    problems.push('filter.releaseWithinDays: a whole number of days from 0 to 3650');
  }
  return problems;
}

/** The filter as stored: only the parts given. */
const storedFilter = (filter: AlertFilter): AlertFilter => ({
  ...(filter.subjects?.length ? { subjects: filter.subjects } : {}),
  ...(filter.types?.length ? { types: filter.types } : {}),
  ...(filter.changeKinds?.length ? { changeKinds: filter.changeKinds } : {}),
  ...(filter.prisonerId ? { prisonerId: filter.prisonerId.toLowerCase() } : {}),
  ...(filter.minSeverity ? { minSeverity: filter.minSeverity } : {}),
  ...(filter.releaseWithinDays !== null && filter.releaseWithinDays !== undefined ? { releaseWithinDays: filter.releaseWithinDays } : {}),
});

export async function registerWebhook(db: DataSource, actor: WebhookActor, input: WebhookInput, rules: RegistryRules): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  if (!rules.secretKey) throw webhooksOff();
  const problems = await problemsOf(db, actor, input, rules);
  if (problems.length) throw badUserInput(`Invalid webhook: ${problems.join('; ')}`);
  // Checked now so the admin hears of it at once; checked again at every delivery (rebinding).
  const host = hostOf(new URL(input.url));
  if (rules.addresses.publicOnly && !isIP(host)) {
    try {
      await allowedAddresses(host, rules.addresses, rules.resolve);
    } catch (error) {
      throw badUserInput(`Invalid webhook: url: ${error instanceof AddressRefused ? error.message : `${host} does not resolve`}`);
    }
  }
  const [{ count }] = await db.query<{ count: string }[]>(`SELECT count(*) FROM webhook_endpoint WHERE agency_code = $1 AND removed_at IS NULL`, [actor.agencyCode]) as [{ count: string }];
  if (Number(count) >= MAX_ENDPOINTS_PER_AGENCY) throw badUserInput(`Invalid webhook: an agency has at most ${MAX_ENDPOINTS_PER_AGENCY} endpoints`);
  const secret = newSigningSecret();
  const filter = input.filter ?? {};
  // A new endpoint receives what happens from now on: it starts at the feed's head.
  const start = await latestPosition({ query: async (text, values) => ({ rows: await db.query(text, values) }) });
  const [row] = await db.query<EndpointRow[]>(
    `INSERT INTO webhook_endpoint (agency_code, url, description, purpose, roles, case_reference, event_filter, secret, position, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${ENDPOINT_COLUMNS}`,
    [actor.agencyCode, input.url, input.description ?? null, input.purpose, [...new Set(input.roles)].sort(), input.caseReference ?? null,
      JSON.stringify(storedFilter(filter)),
      sealSecret(secret, rules.secretKey), start, actor.userId],
  );
  return { endpoint: toEndpoint(row!), secret };
}

export async function listWebhooks(db: DataSource, agencyCode: string, includeRemoved = false): Promise<WebhookEndpoint[]> {
  const rows = await db.query<EndpointRow[]>(
    `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoint WHERE agency_code = $1 ${includeRemoved ? '' : 'AND removed_at IS NULL'} ORDER BY created_at, id LIMIT 200`,
    [agencyCode],
  );
  return rows.map(toEndpoint);
}

/** An endpoint of the caller's agency (NOT_FOUND otherwise, as for a missing id). */
export async function ownWebhook(db: DataSource, agencyCode: string, id: string): Promise<WebhookEndpoint> {
  if (!isRecordId(id)) throw badUserInput('id must be a webhook id (a UUID)');
  const [row] = await db.query<EndpointRow[]>(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoint WHERE id = $1 AND agency_code = $2`, [id, agencyCode]);
  if (!row) throw notFound('Webhook');
  return toEndpoint(row);
}

/** Removes an endpoint: nothing more is queued or sent to it; its deliveries and attempts stay readable. */
export async function removeWebhook(db: DataSource, actor: WebhookActor, id: string): Promise<WebhookEndpoint> {
  const endpoint = await ownWebhook(db, actor.agencyCode, id);
  if (endpoint.removedAt) return endpoint;
  return db.transaction(async (tx) => {
    const [row] = await tx.query<EndpointRow[]>(
      `WITH removed AS (UPDATE webhook_endpoint SET removed_at = now(), removed_by = $2 WHERE id = $1 RETURNING *) SELECT ${ENDPOINT_COLUMNS} FROM removed`, [id, actor.userId],
    );
    await tx.query(`UPDATE webhook_delivery SET status = 'CANCELLED' WHERE webhook_id = $1 AND status = 'PENDING'`, [id]);
    return toEndpoint(row!);
  });
}

/**
 * A new signing secret, shown once. The old one keeps signing beside it (Standard Webhooks
 * lets a message carry several signatures) for the overlap period, so the receiver can switch
 * without losing a delivery.
 */
export async function rotateWebhookSecret(db: DataSource, actor: WebhookActor, id: string, rules: RegistryRules): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  if (!rules.secretKey) throw webhooksOff();
  const endpoint = await ownWebhook(db, actor.agencyCode, id);
  if (endpoint.removedAt) throw notFound('Webhook');
  const secret = newSigningSecret();
  const [row] = await db.query<EndpointRow[]>(
    `WITH rotated AS (
       UPDATE webhook_endpoint SET previous_secret = secret, previous_secret_until = now() + make_interval(secs => $3), secret = $2
        WHERE id = $1 RETURNING *
     ) SELECT ${ENDPOINT_COLUMNS} FROM rotated`,
    [id, sealSecret(secret, rules.secretKey), rules.secretOverlapSeconds],
  );
  return { endpoint: toEndpoint(row!), secret };
}
