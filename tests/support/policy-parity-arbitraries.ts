import fc from 'fast-check';
import { PURPOSES, TLPS, type MouStatus, type Purpose, type Tlp } from '../../src/domain/enums.js';
import type { LiaisonRule } from '../../src/policies/ability.js';
import type { PolicyKey } from '../../src/policies/build-policy.js';
import type { Clause } from '../../src/policies/clause.js';
import { normaliseConditions } from '../../src/policies/condition-language.js';
import { isStatutoryField } from '../../src/policies/statutory-exclusions.js';
import { SUBJECTS, type ConditionField, type SubjectType } from '../../src/policies/subjects.js';
import { DEMO_OWNER, PARITY_PROVIDER, PARITY_RECIPIENT, PARITY_ROLES, type ParityData } from './policy-parity-data.js';

/**
 * fast-check generators for the parity property: conditions in the clause language (every
 * operator, NULLs, empty lists, relative dates, `prisoner.<field>`), clauses of MoUs in and
 * out of force, and raw `can`/`cannot` rules, all drawing values from the generated rows so
 * that equality and range boundaries are actually hit.
 */

const DAY_MS = 86_400_000;
export const PARITY_SUBJECTS = ['Prisoner', 'RiskFlag'] as const satisfies readonly SubjectType[];
export type ParitySubject = (typeof PARITY_SUBJECTS)[number];
export const PARITY_PURPOSE: Purpose = 'COUNTER_TERRORISM';

/** Values present in the generated rows, per condition path ('field' or 'prisoner.field'). */
export type ValuePools = ReadonlyMap<string, readonly unknown[]>;

export function valuePools(data: ParityData): ValuePools {
  const pools = new Map<string, unknown[]>();
  const add = (path: string, value: unknown): void => {
    if (value === null || value === undefined) return;
    const list = pools.get(path) ?? [];
    const key = value instanceof Date ? value.toISOString() : value;
    if (!list.includes(key)) list.push(key);
    pools.set(path, list);
  };
  const record = (subject: ParitySubject, row: object, prefix = ''): void => {
    for (const field of Object.keys(SUBJECTS[subject].conditionFields)) {
      add(`${prefix}${field}`, (row as Record<string, unknown>)[field]);
    }
  };
  for (const row of data.prisoners) {
    record('Prisoner', row);
    record('Prisoner', row, 'prisoner.');
  }
  for (const row of data.riskFlags) record('RiskFlag', row);
  for (const list of pools.values()) list.sort();
  return pools;
}

const isoDay = (now: Date, days: number): string => new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);

/** The same instant written with a +02:00 offset, as an MoU author might. */
const withOffset = (iso: string): string => `${new Date(Date.parse(iso) + 2 * 3_600_000).toISOString().slice(0, -1)}+02:00`;

const relativeDate = fc.tuple(fc.constantFrom('$daysFromNow', '$daysAgo'), fc.oneof(
  fc.integer({ min: -400, max: 900 }),
  fc.constantFrom(0, 1, -1, 30, 180, 181),
)).map(([key, days]) => ({ [key]: days }));

function valueArbitrary(field: ConditionField, pool: readonly unknown[], now: Date): fc.Arbitrary<unknown> {
  const fromPool = <T>(fallback: T): fc.Arbitrary<unknown> => (pool.length > 0 ? fc.constantFrom(...pool) : fc.constant(fallback));
  switch (field.kind) {
    case 'enum':
      return fc.constantFrom(...field.values!);
    case 'uuid':
      return fc.oneof({ arbitrary: fromPool('00000000-0000-4000-8000-000000000000'), weight: 5 }, { arbitrary: fc.uuid(), weight: 1 });
    case 'string':
      return fc.oneof({ arbitrary: fromPool('NONE'), weight: 5 }, { arbitrary: fc.constant('NO-SUCH-VALUE'), weight: 1 });
    case 'date':
      return fc.oneof(
        { arbitrary: fromPool(isoDay(now, 0)), weight: 4 },
        { arbitrary: fc.integer({ min: -500, max: 900 }).map((d) => isoDay(now, d)), weight: 2 },
        { arbitrary: relativeDate, weight: 3 },
      );
    case 'timestamp':
      return fc.oneof(
        { arbitrary: fromPool(now.toISOString()), weight: 4 },
        { arbitrary: fromPool(now.toISOString()).map((iso) => withOffset(iso as string)), weight: 1 },
        { arbitrary: fc.integer({ min: -60, max: 60 }).map((d) => new Date(now.getTime() + d * DAY_MS).toISOString()), weight: 1 },
        // A date for a timestamp field means midnight UTC.
        { arbitrary: fc.integer({ min: -60, max: 60 }).map((d) => isoDay(now, d)), weight: 1 },
        { arbitrary: relativeDate, weight: 3 },
      );
  }
}

function operatorsArbitrary(field: ConditionField, value: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  const nullable = field.nullable ? fc.oneof({ arbitrary: value, weight: 3 }, { arbitrary: fc.constant(null), weight: 1 }) : value;
  const list = fc.array(value, { maxLength: 4 });
  const ops: fc.Arbitrary<Record<string, unknown>>[] = [
    nullable.map((v) => ({ $eq: v })),
    nullable.map((v) => ({ $ne: v })),
    list.map((l) => ({ $in: l })),
    list.map((l) => ({ $nin: l })),
  ];
  if (field.kind === 'date' || field.kind === 'timestamp') {
    for (const op of ['$lt', '$lte', '$gt', '$gte']) ops.push(value.map((v) => ({ [op]: v })));
    ops.push(ops[ops.length - 1]!, ops[ops.length - 2]!); // ranges are common: weight them up
  }
  return fc.array(fc.oneof(...ops), { minLength: 1, maxLength: 2 }).map((parts) => Object.assign({}, ...parts) as Record<string, unknown>);
}

function fieldSpecArbitrary(field: ConditionField, pool: readonly unknown[], now: Date): fc.Arbitrary<unknown> {
  const value = valueArbitrary(field, pool, now);
  const ops = operatorsArbitrary(field, value);
  const choices: fc.WeightedArbitrary<unknown>[] = [
    { arbitrary: value, weight: 3 },
    { arbitrary: ops, weight: 6 },
    { arbitrary: ops.map((o) => ({ $not: o })), weight: 2 },
    { arbitrary: fc.tuple(ops, ops).map(([a, b]) => ({ ...a, $not: b })), weight: 1 },
  ];
  if (field.nullable) choices.push({ arbitrary: fc.constant(null), weight: 2 });
  return fc.oneof(...choices);
}

/** Condition paths a rule on `subject` may test. */
function conditionPaths(subject: ParitySubject): { path: string; field: ConditionField }[] {
  const own = Object.entries(SUBJECTS[subject].conditionFields).map(([path, field]) => ({ path, field }));
  if (!SUBJECTS[subject].linkedToPrisoner) return own;
  const linked = Object.entries(SUBJECTS.Prisoner.conditionFields).map(([path, field]) => ({ path: `prisoner.${path}`, field }));
  return [...own, ...linked];
}

/** Raw conditions in the clause language, nested up to `depth` levels of $and/$or. */
export function conditionArbitrary(subject: ParitySubject, pools: ValuePools, now: Date, depth = 2): fc.Arbitrary<Record<string, unknown>> {
  const fieldEntries = conditionPaths(subject).map(({ path, field }) =>
    fieldSpecArbitrary(field, pools.get(path) ?? [], now).map((spec) => [path, spec] as [string, unknown]));
  const fieldEntry = fc.oneof(...fieldEntries);
  const entry: fc.Arbitrary<[string, unknown]> = depth === 0
    ? fieldEntry
    : fc.oneof(
      { arbitrary: fieldEntry, weight: 4 },
      {
        arbitrary: fc.tuple(fc.constantFrom('$and', '$or'), fc.array(conditionArbitrary(subject, pools, now, depth - 1), { minLength: 1, maxLength: 3 }))
          .map(([op, items]) => [op, items] as [string, unknown]),
        weight: 1,
      },
    );
  return fc.array(entry, { minLength: 1, maxLength: 3 }).map((entries) => Object.fromEntries(entries));
}

/** Normalises generated conditions; a generator bug (invalid condition) fails loudly. */
export function normalised(subject: ParitySubject, conditions: Record<string, unknown>, now: Date): Record<string, unknown> {
  const result = normaliseConditions(subject, conditions, now);
  if (result.problems.length > 0 || !result.conditions) {
    throw new Error(`generated an invalid condition ${JSON.stringify(conditions)}: ${JSON.stringify(result.problems)}`);
  }
  return result.conditions;
}

const grantable = (subject: ParitySubject): string[] => SUBJECTS[subject].fields.filter((f) => !isStatutoryField(subject, f));

function clauseArbitrary(index: number, pools: ValuePools, now: Date): fc.Arbitrary<Clause> {
  return fc.constantFrom(...PARITY_SUBJECTS).chain((subject) => fc.record({
    fields: fc.subarray(grantable(subject), { minLength: 1 }),
    conditions: fc.option(conditionArbitrary(subject, pools, now), { nil: null, freq: 6 }),
    purposes: fc.oneof(
      { arbitrary: fc.constant([PARITY_PURPOSE] as Purpose[]), weight: 4 },
      { arbitrary: fc.subarray([...PURPOSES] as Purpose[], { minLength: 1 }), weight: 1 },
    ),
    recipientRoles: fc.subarray([...PARITY_ROLES] as string[], { minLength: 1, maxLength: 2 }),
    maxTlp: fc.constantFrom<Tlp>(...TLPS),
    caseReferenceRequired: fc.boolean(),
    provider: fc.constantFrom(PARITY_PROVIDER, PARITY_PROVIDER, PARITY_PROVIDER, DEMO_OWNER),
    recipient: fc.constantFrom(PARITY_RECIPIENT, PARITY_RECIPIENT, PARITY_RECIPIENT, PARITY_RECIPIENT, PARITY_PROVIDER),
    status: fc.constantFrom<MouStatus>('ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'APPROVED', 'SUSPENDED', 'TERMINATED'),
    window: fc.constantFrom('current', 'current', 'current', 'current', 'open-ended', 'ended', 'future'),
  }).map((c): Clause => {
    const validFrom = c.window === 'future' ? new Date(now.getTime() + DAY_MS) : new Date(now.getTime() - 365 * DAY_MS);
    const validUntil = c.window === 'open-ended' ? null : c.window === 'ended' ? new Date(now.getTime() - 1) : new Date(now.getTime() + 365 * DAY_MS);
    return {
      id: `generated-${index}`,
      label: `generated clause ${index}`,
      subjectType: subject,
      fields: c.fields,
      conditions: c.conditions,
      purposes: c.purposes,
      recipientRoles: c.recipientRoles,
      maxTlp: c.maxTlp,
      onwardDisclosure: 'NONE',
      retentionDays: 30,
      caseReferenceRequired: c.caseReferenceRequired,
      mou: {
        id: `generated-mou-${index}`,
        reference: `MOU-PARITY-${index}`,
        version: 1,
        providerAgencyCode: c.provider,
        recipientAgencyCode: c.recipient,
        purposes: [...new Set([...c.purposes, PARITY_PURPOSE])],
        status: c.status,
        validFrom,
        validUntil,
      },
    };
  }));
}

export const clausesArbitrary = (pools: ValuePools, now: Date, count = { min: 1, max: 5 }): fc.Arbitrary<Clause[]> =>
  fc.integer(count).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => clauseArbitrary(i, pools, now))));

export const policyKeyArbitrary: fc.Arbitrary<PolicyKey> = fc.record({
  agencyCode: fc.constant(PARITY_RECIPIENT),
  roles: fc.subarray([...PARITY_ROLES] as string[]),
  purpose: fc.oneof({ arbitrary: fc.constant<Purpose | null>(PARITY_PURPOSE), weight: 9 }, { arbitrary: fc.constant(null), weight: 1 }),
  hasCaseReference: fc.boolean(),
});

/** Conditions on the owner column, which only raw rules (never clauses) may carry. */
const ownerCondition = fc.constantFrom<Record<string, unknown>>(
  { ownerAgencyCode: PARITY_PROVIDER },
  { ownerAgencyCode: { $ne: PARITY_RECIPIENT } },
  { ownerAgencyCode: { $in: [PARITY_PROVIDER, DEMO_OWNER] } },
  { ownerAgencyCode: { $nin: [PARITY_PROVIDER] } },
);

export interface ExtraRule {
  rule: LiaisonRule;
  /** Where the rule goes among the built rules (modulo their count + 1): it decides priority. */
  position: number;
}

/**
 * Raw rules inserted among the built ones: `cannot` rules with conditions (row-level and
 * field-level), unconditional `can`/`cannot` rules, and `can` rules for other owners.
 */
export function extraRulesArbitrary(pools: ValuePools, now: Date): fc.Arbitrary<ExtraRule[]> {
  const rule = fc.constantFrom(...PARITY_SUBJECTS).chain((subject) => fc.record({
    kind: fc.constantFrom('cannot', 'cannot', 'cannot', 'cannot-fields', 'can', 'can', 'can-unconditional', 'cannot-unconditional'),
    conditions: conditionArbitrary(subject, pools, now, 1),
    owner: fc.option(ownerCondition, { nil: null }),
    fields: fc.subarray(grantable(subject), { minLength: 1, maxLength: 3 }),
    position: fc.nat(),
  }).map(({ kind, conditions, owner, fields, position }): ExtraRule => {
    const base = { action: 'read' as const, subject, reason: `test:${kind}` };
    const where = { ...normalised(subject, conditions, now), ...owner };
    switch (kind) {
      case 'cannot': return { position, rule: { ...base, inverted: true, conditions: where } };
      case 'cannot-fields': return { position, rule: { ...base, inverted: true, fields, conditions: where } };
      case 'can': return { position, rule: { ...base, conditions: where } };
      case 'can-unconditional': return { position, rule: { ...base } };
      default: return { position, rule: { ...base, inverted: true } };
    }
  }));
  return fc.oneof(
    { arbitrary: fc.constant([] as ExtraRule[]), weight: 2 },
    { arbitrary: fc.array(rule, { minLength: 1, maxLength: 3 }), weight: 3 },
  );
}

/** The built rules with the extra rules inserted at their positions. */
export function withExtraRules(rules: readonly LiaisonRule[], extra: readonly ExtraRule[]): LiaisonRule[] {
  const result = [...rules];
  for (const { rule, position } of extra) result.splice(position % (result.length + 1), 0, rule);
  return result;
}
