import { sortedReferenceData, type AgencyDefinition, type FacilityDefinition, type IssuerDefinition, type ReferenceData, type RoleDefinition } from './reference-data.js';

/**
 * The difference between the reference data in the database and in a file: what `setup
 * apply` will add, change and remove, in the order it does it (parents before children when
 * adding, children before parents when removing), and how it reads to the operator.
 */

export type ReferenceEntity = 'AGENCY' | 'ROLE' | 'FACILITY' | 'ISSUER';
export type ReferenceAction = 'ADD' | 'UPDATE' | 'REMOVE';

interface Change<E extends ReferenceEntity, T> {
  entity: E;
  action: ReferenceAction;
  /** The agency the entry belongs to (after the change; before it, for a removal). */
  agency: string;
  /** The entry's key: agency code, role name, facility code, issuer URI. */
  key: string;
  before: T | null;
  after: T | null;
  /** For an update: the fields that differ. */
  fields: string[];
}

export type AgencyFields = Pick<AgencyDefinition, 'code' | 'name' | 'kind'>;
export type FacilityFields = FacilityDefinition & { agency: string };
export type IssuerFields = IssuerDefinition & { agency: string };

export type ReferenceChange =
  | Change<'AGENCY', AgencyFields>
  | Change<'ROLE', RoleDefinition>
  | Change<'FACILITY', FacilityFields>
  | Change<'ISSUER', IssuerFields>;

/** The admin-log action for a change, e.g. ADD_AGENCY. */
export const adminActionOf = (change: ReferenceChange) => `${change.action}_${change.entity}` as const;

const differingFields = <T extends object>(before: T, after: T): string[] =>
  (Object.keys(after) as (keyof T)[]).filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field])).map(String);

function diffEntries<E extends ReferenceEntity, T extends object>(
  entity: E, before: ReadonlyMap<string, T & { owner: string }>, after: ReadonlyMap<string, T & { owner: string }>,
): Change<E, T>[] {
  const changes: Change<E, T>[] = [];
  const strip = ({ owner: _owner, ...rest }: T & { owner: string }) => rest as unknown as T;
  for (const [key, next] of after) {
    const previous = before.get(key);
    if (!previous) {
      changes.push({ entity, action: 'ADD', agency: next.owner, key, before: null, after: strip(next), fields: [] });
      continue;
    }
    const fields = differingFields(strip(previous), strip(next));
    if (fields.length > 0) changes.push({ entity, action: 'UPDATE', agency: next.owner, key, before: strip(previous), after: strip(next), fields });
  }
  for (const [key, previous] of before) {
    if (!after.has(key)) changes.push({ entity, action: 'REMOVE', agency: previous.owner, key, before: strip(previous), after: null, fields: [] });
  }
  return changes;
}

const indexed = <T, F extends object>(
  data: ReferenceData, entries: (agency: AgencyDefinition) => readonly T[], key: (entry: T, agency: AgencyDefinition) => string,
  fields: (entry: T, agency: AgencyDefinition) => F,
): Map<string, F & { owner: string }> =>
  new Map(data.agencies.flatMap((agency) => entries(agency).map((entry) => [key(entry, agency), { ...fields(entry, agency), owner: agency.code }] as const)));

/** Every change that turns `current` into `desired`, in the order they are applied. */
export function diffReferenceData(currentData: ReferenceData, desiredData: ReferenceData): ReferenceChange[] {
  const current = sortedReferenceData(currentData);
  const desired = sortedReferenceData(desiredData);
  const agencies = (data: ReferenceData) => indexed(data, (a) => [a], (a) => a.code, (a): AgencyFields => ({ code: a.code, name: a.name, kind: a.kind }));
  // Roles are keyed by agency and role: the same role name at two agencies is two roles.
  const roles = (data: ReferenceData) => indexed(data, (a) => a.roles, (r, a) => `${a.code} ${r.role}`, (r): RoleDefinition => ({ role: r.role, description: r.description }));
  // Facility codes and issuers are unique across the exchange: moving one to another agency is an update.
  const facilities = (data: ReferenceData) => indexed(data, (a) => a.facilities, (f) => f.code, (f, a): FacilityFields => ({ code: f.code, name: f.name, securityLevel: f.securityLevel, agency: a.code }));
  const issuers = (data: ReferenceData) => indexed(data, (a) => a.issuers, (i) => i.issuer, (i, a): IssuerFields => ({
    issuer: i.issuer, audience: i.audience, keys: i.keys, jwksUri: i.jwksUri, discovery: i.discovery,
    keyRefreshSeconds: i.keyRefreshSeconds, unknownKeyCooldownSeconds: i.unknownKeyCooldownSeconds, oidc: i.oidc, agency: a.code,
  }));

  const all: ReferenceChange[] = [
    ...diffEntries<'AGENCY', AgencyFields>('AGENCY', agencies(current), agencies(desired)),
    ...diffEntries<'ROLE', RoleDefinition>('ROLE', roles(current), roles(desired)).map((c) => ({ ...c, key: c.key.split(' ')[1]! })),
    ...diffEntries<'FACILITY', FacilityFields>('FACILITY', facilities(current), facilities(desired)),
    ...diffEntries<'ISSUER', IssuerFields>('ISSUER', issuers(current), issuers(desired)),
  ];
  const order: Record<ReferenceEntity, number> = { AGENCY: 0, ROLE: 1, FACILITY: 2, ISSUER: 3 };
  const adds = all.filter((c) => c.action !== 'REMOVE').sort((a, b) => order[a.entity] - order[b.entity]);
  const removals = all.filter((c) => c.action === 'REMOVE').sort((a, b) => order[b.entity] - order[a.entity]);
  return [...adds, ...removals];
}

const quoted = (value: unknown): string => (value === null || value === undefined ? 'none' : JSON.stringify(value));

function describeValue(field: string, value: unknown, fingerprint: (pem: string) => string): string {
  if (field === 'keys' && Array.isArray(value)) {
    return (value as { kid: string; alg: string; publicKey: string }[]).map((k) => `${k.kid} ${k.alg} ${fingerprint(k.publicKey)}`).join(', ');
  }
  if (field === 'agency' || field === 'kind' || field === 'securityLevel' || typeof value === 'boolean' || typeof value === 'number') return String(value);
  return quoted(value);
}

function describeEntry(entry: object, fingerprint: (pem: string) => string): string {
  // The key and the agency are in the line's subject already; unset optional fields are left out.
  const skip = new Set(['code', 'role', 'issuer', 'agency']);
  return Object.entries(entry).filter(([field, value]) => !skip.has(field) && value !== null && value !== false && !(Array.isArray(value) && value.length === 0)).map(([field, value]) => `${field} ${describeValue(field, value, fingerprint)}`).join(', ');
}

const SIGN: Record<ReferenceAction, string> = { ADD: '+', UPDATE: '~', REMOVE: '-' };

/** One line per change, as `setup apply` prints it before applying. */
export function describeChange(change: ReferenceChange, fingerprint: (pem: string) => string): string {
  const subject = change.entity === 'AGENCY' ? `agency ${change.key}` : `${change.entity.toLowerCase()} ${change.key} (${change.agency})`;
  if (change.action === 'REMOVE') return `${SIGN.REMOVE} ${subject}`;
  if (change.action === 'ADD') return `${SIGN.ADD} ${subject}: ${describeEntry(change.after!, fingerprint)}`;
  const before = change.before as unknown as Record<string, unknown>;
  const after = change.after as unknown as Record<string, unknown>;
  const fields = change.fields.map((field) => `${field} ${describeValue(field, before[field], fingerprint)} → ${describeValue(field, after[field], fingerprint)}`);
  return `${SIGN.UPDATE} ${subject}: ${fields.join('; ')}`;
}

/** "3 changes: 2 to add, 1 to change", or "no changes". */
export function summariseChanges(changes: readonly ReferenceChange[]): string {
  if (changes.length === 0) return 'no changes';
  const count = (action: ReferenceAction) => changes.filter((c) => c.action === action).length;
  const parts = [[count('ADD'), 'to add'], [count('UPDATE'), 'to change'], [count('REMOVE'), 'to remove']]
    .filter(([n]) => (n as number) > 0).map(([n, what]) => `${n} ${what}`);
  return `${changes.length} change${changes.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
