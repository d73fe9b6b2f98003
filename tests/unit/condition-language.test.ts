import { describe, expect, it } from 'vitest';
import { CONDITION_LIMITS, normaliseConditions, type ConditionProblem } from '../../src/policies/condition-language.js';
import type { SubjectType } from '../../src/policies/subjects.js';
import { FIXED_NOW } from '../support/policy-fixtures.js';

/**
 * The condition language of docs/architecture.md §2.4: what a clause may say about rows, validated
 * when written, normalised to the CASL conditions that run.
 */

const now = FIXED_NOW; // 2026-03-15T10:30:00.000Z
const PRISONER_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

function accept(subject: SubjectType, conditions: unknown): Record<string, unknown> {
  const result = normaliseConditions(subject, conditions, now);
  expect(result.problems, JSON.stringify(conditions)).toEqual([]);
  expect(result.conditions).toBeDefined();
  return result.conditions!;
}

function reject(subject: SubjectType, conditions: unknown): ConditionProblem[] {
  const result = normaliseConditions(subject, conditions, now);
  expect(result.problems.length, `expected ${JSON.stringify(conditions)} to be rejected`).toBeGreaterThan(0);
  expect(result.conditions).toBeUndefined();
  return result.problems;
}

/** Asserts a rejection with exactly one problem at `path` whose message matches `message`. */
function rejectAt(subject: SubjectType, conditions: unknown, path: string, message: RegExp): void {
  const problems = reject(subject, conditions);
  expect(problems).toHaveLength(1);
  expect(problems[0]!.path).toBe(path);
  expect(problems[0]!.message).toMatch(message);
}

describe('condition language: accepted forms', () => {
  it('treats absent conditions as an unconditional clause', () => {
    expect(normaliseConditions('RiskFlag', null, now)).toEqual({ conditions: undefined, problems: [] });
    expect(normaliseConditions('RiskFlag', undefined, now)).toEqual({ conditions: undefined, problems: [] });
  });

  it('accepts a bare value as equality and keeps it unchanged', () => {
    expect(accept('RiskFlag', { status: 'ACTIVE' })).toEqual({ status: 'ACTIVE' });
  });

  it.each([
    ['$eq', { $eq: 'HIGH' }],
    ['$ne', { $ne: 'HIGH' }],
    ['$in', { $in: ['HIGH', 'VERY_HIGH'] }],
    ['$nin', { $nin: ['LOW'] }],
    ['empty $in', { $in: [] }],
    ['empty $nin', { $nin: [] }],
  ])('accepts %s on an enum field', (_name, spec) => {
    expect(accept('RiskFlag', { severity: spec })).toEqual({ severity: spec });
  });

  it.each(['$lt', '$lte', '$gt', '$gte'])('accepts %s on a date field and on a timestamp field', (op) => {
    expect(accept('RiskFlag', { reviewDate: { [op]: '2026-01-31' } })).toEqual({ reviewDate: { [op]: '2026-01-31' } });
    expect(accept('RiskFlag', { raisedAt: { [op]: '2026-01-31T08:00:00.000Z' } }))
      .toEqual({ raisedAt: { [op]: '2026-01-31T08:00:00.000Z' } });
  });

  it('accepts $and and $or with nested conditions', () => {
    const conditions = {
      $or: [{ status: 'ACTIVE' }, { $and: [{ severity: 'HIGH' }, { category: { $in: ['VIOLENCE', 'ESCAPE'] } }] }],
    };
    expect(accept('RiskFlag', conditions)).toEqual(conditions);
  });

  it('accepts field-level $not, nested operators included', () => {
    expect(accept('RiskFlag', { severity: { $not: { $in: ['LOW', 'MODERATE'] } } }))
      .toEqual({ severity: { $not: { $in: ['LOW', 'MODERATE'] } } });
    expect(accept('RiskFlag', { reviewDate: { $not: { $gte: '2026-01-01', $lt: '2026-02-01' } } }))
      .toEqual({ reviewDate: { $not: { $gte: '2026-01-01', $lt: '2026-02-01' } } });
  });

  it('accepts prisoner.<field> on records linked to a prisoner', () => {
    expect(accept('RiskFlag', { 'prisoner.vepStatus': { $in: ['ASSESSED_VEP'] }, 'prisoner.nationality': 'FR' }))
      .toEqual({ 'prisoner.vepStatus': { $in: ['ASSESSED_VEP'] }, 'prisoner.nationality': 'FR' });
    expect(accept('ReleasePlan', { 'prisoner.expectedReleaseDate': { $lte: '2026-09-01' } }))
      .toEqual({ 'prisoner.expectedReleaseDate': { $lte: '2026-09-01' } });
  });

  it('rejects prisoner.<field> on subjects that are not linked to one prisoner', () => {
    rejectAt('Prisoner', { 'prisoner.vepStatus': 'NONE' }, 'conditions.prisoner.vepStatus', /unknown field "prisoner\.vepStatus" for Prisoner/);
    rejectAt('IntelligenceReport', { 'prisoner.vepStatus': 'NONE' }, 'conditions.prisoner.vepStatus', /unknown field/);
  });

  it('accepts null for nullable fields with bare null, $eq and $ne', () => {
    expect(accept('RiskFlag', { basis: null })).toEqual({ basis: null });
    expect(accept('RiskFlag', { reviewDate: { $eq: null } })).toEqual({ reviewDate: { $eq: null } });
    expect(accept('RiskFlag', { handlingCode: { $ne: null } })).toEqual({ handlingCode: { $ne: null } });
    expect(accept('RiskFlag', { 'prisoner.expectedReleaseDate': null })).toEqual({ 'prisoner.expectedReleaseDate': null });
    expect(accept('Prisoner', { gender: { $ne: null }, nationalId: null })).toEqual({ gender: { $ne: null }, nationalId: null });
  });

  it('rejects null for non-nullable fields and inside $in/$nin', () => {
    rejectAt('RiskFlag', { status: null }, 'conditions.status', /never null/);
    rejectAt('RiskFlag', { status: { $eq: null } }, 'conditions.status.$eq', /never null/);
    rejectAt('RiskFlag', { raisedAt: { $ne: null } }, 'conditions.raisedAt.$ne', /never null/);
    rejectAt('RiskFlag', { basis: { $in: [null] } }, 'conditions.basis.$in[0]', /expected a string, found null/);
    rejectAt('RiskFlag', { basis: { $nin: ['CONVICTION', null] } }, 'conditions.basis.$nin[1]', /found null/);
    rejectAt('RiskFlag', { reviewDate: { $lt: null } }, 'conditions.reviewDate.$lt', /found null/);
  });

  it('lower-cases UUIDs and accepts them on uuid fields', () => {
    expect(accept('RiskFlag', { prisonerId: PRISONER_ID.toUpperCase() })).toEqual({ prisonerId: PRISONER_ID });
    expect(accept('RiskFlag', { id: { $in: [PRISONER_ID] } })).toEqual({ id: { $in: [PRISONER_ID] } });
  });

  it('accepts free text on string fields', () => {
    expect(accept('IntelligenceReport', { handlingCode: 'P', sourceEvaluation: { $in: ['A', 'B'] } }))
      .toEqual({ handlingCode: 'P', sourceEvaluation: { $in: ['A', 'B'] } });
  });
});

describe('condition language: relative dates and timestamps', () => {
  it('resolves {$daysFromNow} and {$daysAgo} on date fields to YYYY-MM-DD against the given now', () => {
    expect(accept('RiskFlag', { reviewDate: { $daysFromNow: 180 } })).toEqual({ reviewDate: '2026-09-11' });
    expect(accept('RiskFlag', { reviewDate: { $gte: { $daysFromNow: 0 }, $lte: { $daysFromNow: 180 } } }))
      .toEqual({ reviewDate: { $gte: '2026-03-15', $lte: '2026-09-11' } });
    expect(accept('RiskFlag', { reviewDate: { $lt: { $daysAgo: 30 } } })).toEqual({ reviewDate: { $lt: '2026-02-13' } });
    expect(accept('RiskFlag', { 'prisoner.expectedReleaseDate': { $in: [{ $daysFromNow: 1 }, { $daysAgo: 1 }] } }))
      .toEqual({ 'prisoner.expectedReleaseDate': { $in: ['2026-03-16', '2026-03-14'] } });
  });

  it('resolves relative dates on timestamp fields to full ISO timestamps (same time of day)', () => {
    expect(accept('RiskFlag', { raisedAt: { $gte: { $daysAgo: 30 } } })).toEqual({ raisedAt: { $gte: '2026-02-13T10:30:00.000Z' } });
    expect(accept('RiskFlag', { updatedAt: { $lt: { $daysFromNow: 2 } } })).toEqual({ updatedAt: { $lt: '2026-03-17T10:30:00.000Z' } });
  });

  it('uses the clock it is given, not the machine clock', () => {
    const other = new Date('2030-12-31T23:59:59.999Z');
    expect(normaliseConditions('RiskFlag', { reviewDate: { $daysFromNow: 1 } }, other).conditions).toEqual({ reviewDate: '2031-01-01' });
  });

  it('normalises a YYYY-MM-DD given for a timestamp field to midnight UTC', () => {
    expect(accept('RiskFlag', { raisedAt: { $gte: '2026-01-31' } })).toEqual({ raisedAt: { $gte: '2026-01-31T00:00:00.000Z' } });
  });

  it('normalises timestamps with offsets to UTC ISO strings with milliseconds', () => {
    expect(accept('RiskFlag', { raisedAt: { $lt: '2026-01-31T12:00:00+02:00' } })).toEqual({ raisedAt: { $lt: '2026-01-31T10:00:00.000Z' } });
    expect(accept('RiskFlag', { raisedAt: '2026-01-31T12:00Z' })).toEqual({ raisedAt: '2026-01-31T12:00:00.000Z' });
  });

  it('rejects timestamps without a time zone and other malformed timestamps', () => {
    rejectAt('RiskFlag', { raisedAt: { $lt: '2026-01-31T12:00:00' } }, 'conditions.raisedAt.$lt', /not an ISO 8601 timestamp with a time zone/);
    rejectAt('RiskFlag', { raisedAt: 'yesterday' }, 'conditions.raisedAt', /not an ISO 8601 timestamp/);
    rejectAt('RiskFlag', { raisedAt: '2026-13-01T00:00:00Z' }, 'conditions.raisedAt', /not an ISO 8601 timestamp/);
  });

  // A date field rejects 2025-02-30; a timestamp field should too, rather than silently
  // reading it as 2 March (JavaScript's Date rolls invalid days over).
  it('rejects an impossible calendar day in a timestamp', () => {
    rejectAt('RiskFlag', { raisedAt: { $gte: '2025-02-30T10:00:00Z' } }, 'conditions.raisedAt.$gte', /not an ISO 8601 timestamp/);
  });

  it.each([
    ['not a date', '31/01/2026'],
    ['impossible day', '2026-02-30'],
    ['impossible month', '2026-13-01'],
    ['short form', '2026-1-5'],
    ['a timestamp for a date field', '2026-01-05T00:00:00Z'],
  ])('rejects a malformed date (%s)', (_name, value) => {
    rejectAt('RiskFlag', { reviewDate: { $gt: value } }, 'conditions.reviewDate.$gt', /is not a date \(YYYY-MM-DD\)/);
  });

  it.each([
    ['a string', 'status', { status: { $daysFromNow: 3 } }, 'conditions.status'],
    ['a uuid', 'prisonerId', { prisonerId: { $daysAgo: 3 } }, 'conditions.prisonerId'],
    ['a text field in $in', 'handlingCode', { handlingCode: { $in: [{ $daysAgo: 1 }] } }, 'conditions.handlingCode.$in[0]'],
  ])('rejects a relative date on %s field', (_kind, _field, conditions, path) => {
    rejectAt('RiskFlag', conditions, path, /relative dates apply to dates and timestamps only/);
  });

  it.each([
    ['a fraction', { $daysFromNow: 1.5 }],
    ['a numeric string', { $daysFromNow: '10' }],
    ['too many days', { $daysAgo: CONDITION_LIMITS.days + 1 }],
    ['a huge number', { $daysFromNow: 1e12 }],
    ['infinity', { $daysAgo: Number.POSITIVE_INFINITY }],
    ['NaN', { $daysAgo: Number.NaN }],
  ])('rejects a relative date with %s', (_name, relative) => {
    rejectAt('RiskFlag', { reviewDate: { $lt: relative } }, 'conditions.reviewDate.$lt', /expects an integer number of days/);
  });

  it('accepts the largest day count allowed, in both directions', () => {
    expect(Object.keys(accept('RiskFlag', { reviewDate: { $lt: { $daysFromNow: CONDITION_LIMITS.days } } }))).toEqual(['reviewDate']);
    expect(Object.keys(accept('RiskFlag', { reviewDate: { $gt: { $daysAgo: CONDITION_LIMITS.days } } }))).toEqual(['reviewDate']);
  });

  it('rejects an object that only looks like a relative date', () => {
    rejectAt('RiskFlag', { reviewDate: { $lt: { $daysFromNow: 1, $daysAgo: 1 } } }, 'conditions.reviewDate.$lt', /expected a value, found an object/);
    rejectAt('RiskFlag', { reviewDate: { $daysFromNow: 1, $eq: '2026-01-01' } }, 'conditions.reviewDate.$daysFromNow', /unknown operator \$daysFromNow/);
  });
});

describe('condition language: rejected with a message naming the path', () => {
  it('rejects unknown fields', () => {
    rejectAt('RiskFlag', { colour: 'RED' }, 'conditions.colour', /unknown field "colour" for RiskFlag/);
    rejectAt('RiskFlag', { 'prisoner.shoeSize': '44' }, 'conditions.prisoner.shoeSize', /unknown field/);
    rejectAt('RiskFlag', { $or: [{ status: 'ACTIVE' }, { colour: 'RED' }] }, 'conditions.$or[1].colour', /unknown field "colour"/);
    // Grantable but not testable (the catalogue separates the two).
    rejectAt('RiskFlag', { summary: 'x' }, 'conditions.summary', /unknown field/);
  });

  it.each(['$regex', '$where', '$exists', '$elemMatch', '$size', '$all', '$mod', '$options'])('rejects the unknown field operator %s', (op) => {
    rejectAt('RiskFlag', { category: { [op]: 'x' } }, `conditions.category.${op}`, new RegExp(`unknown operator \\${op}`));
  });

  it.each(['$nor', '$where', '$text', '$expr', '$comment'])('rejects the unknown top-level operator %s', (op) => {
    rejectAt('RiskFlag', { [op]: [{ status: 'ACTIVE' }] }, `conditions.${op}`, new RegExp(`unknown operator \\${op}`));
  });

  it('rejects a top-level $not and says where $not belongs', () => {
    rejectAt('RiskFlag', { $not: { status: 'ACTIVE' } }, 'conditions.$not', /\$not applies to a field/);
  });

  it('rejects a $not that is not an object of operators', () => {
    rejectAt('RiskFlag', { status: { $not: 'ACTIVE' } }, 'conditions.status.$not', /\$not expects an object of operators/);
    rejectAt('RiskFlag', { reviewDate: { $not: { $daysAgo: 1 } } }, 'conditions.reviewDate.$not', /\$not expects an object of operators/);
  });

  it('rejects empty objects at every level', () => {
    rejectAt('RiskFlag', {}, 'conditions', /must not be empty/);
    rejectAt('RiskFlag', { status: {} }, 'conditions.status', /operator object must not be empty/);
    rejectAt('RiskFlag', { status: { $not: {} } }, 'conditions.status.$not', /must not be empty/);
    rejectAt('RiskFlag', { $or: [{}] }, 'conditions.$or[0]', /must not be empty/);
  });

  it('rejects conditions that are not objects', () => {
    rejectAt('RiskFlag', 'status = ACTIVE', 'conditions', /must be an object/);
    rejectAt('RiskFlag', [{ status: 'ACTIVE' }], 'conditions', /must be an object/);
    rejectAt('RiskFlag', { $and: ['status'] }, 'conditions.$and[0]', /must be an object/);
  });

  it('rejects empty or non-array $and/$or', () => {
    rejectAt('RiskFlag', { $and: [] }, 'conditions.$and', /\$and expects a non-empty array/);
    rejectAt('RiskFlag', { $or: [] }, 'conditions.$or', /\$or expects a non-empty array/);
    rejectAt('RiskFlag', { $or: { status: 'ACTIVE' } }, 'conditions.$or', /non-empty array/);
  });

  it('rejects $in/$nin that are not arrays, and over-long lists', () => {
    rejectAt('RiskFlag', { status: { $in: 'ACTIVE' } }, 'conditions.status.$in', /\$in expects an array/);
    rejectAt('RiskFlag', { status: { $nin: { ACTIVE: true } } }, 'conditions.status.$nin', /\$nin expects an array/);
    const long = Array.from({ length: CONDITION_LIMITS.listLength + 1 }, () => 'P');
    rejectAt('RiskFlag', { handlingCode: { $in: long } }, 'conditions.handlingCode.$in', /at most 500 values/);
  });

  it('rejects statutory fields, whatever the subject', () => {
    const religion = reject('Prisoner', { religion: 'X' });
    expect(religion.map((p) => p.path)).toEqual(['conditions.religion']);
    const health = reject('RiskFlag', { 'prisoner.healthNotes': { $ne: null } });
    expect(health.map((p) => p.path)).toEqual(['conditions.prisoner.healthNotes']);
    const source = reject('IntelligenceReport', { sourceReference: 'SRC-1' });
    expect(source.map((p) => p.path)).toEqual(['conditions.sourceReference']);
    for (const field of ['ethnicity', 'dependants', 'healthNotes']) {
      expect(reject('Prisoner', { [field]: { $eq: 'x' } }).map((p) => p.path)).toEqual([`conditions.${field}`]);
    }
  });

  it('rejects the owner column, directly, under prisoner. and inside $or', () => {
    rejectAt('RiskFlag', { ownerAgencyCode: 'POLICE' }, 'conditions.ownerAgencyCode', /unknown field "ownerAgencyCode"/);
    rejectAt('RiskFlag', { 'prisoner.ownerAgencyCode': 'POLICE' }, 'conditions.prisoner.ownerAgencyCode', /unknown field/);
    rejectAt('RiskFlag', { $or: [{ status: 'ACTIVE' }, { ownerAgencyCode: { $ne: 'X' } }] }, 'conditions.$or[1].ownerAgencyCode', /unknown field/);
  });

  it.each(['$lt', '$lte', '$gt', '$gte'])('rejects %s on strings, enums and uuids', (op) => {
    rejectAt('RiskFlag', { severity: { [op]: 'HIGH' } }, `conditions.severity.${op}`, /applies to dates and timestamps only/);
    rejectAt('RiskFlag', { handlingCode: { [op]: 'P' } }, `conditions.handlingCode.${op}`, /applies to dates and timestamps only/);
    rejectAt('RiskFlag', { prisonerId: { [op]: PRISONER_ID } }, `conditions.prisonerId.${op}`, /applies to dates and timestamps only/);
    rejectAt('RiskFlag', { 'prisoner.vepStatus': { $not: { [op]: 'NONE' } } }, `conditions.prisoner.vepStatus.$not.${op}`, /dates and timestamps only/);
  });

  it('rejects enum values outside the enum, naming the allowed values', () => {
    rejectAt('RiskFlag', { severity: 'EXTREME' }, 'conditions.severity', /"EXTREME" is not one of LOW, MODERATE, HIGH, VERY_HIGH/);
    rejectAt('RiskFlag', { tlp: { $in: ['AMBER', 'amber'] } }, 'conditions.tlp.$in[1]', /"amber" is not one of/);
    rejectAt('RiskFlag', { 'prisoner.vepStatus': { $ne: 'VEP' } }, 'conditions.prisoner.vepStatus.$ne', /not one of/);
  });

  it('rejects malformed UUIDs', () => {
    rejectAt('RiskFlag', { prisonerId: 'not-a-uuid' }, 'conditions.prisonerId', /"not-a-uuid" is not a UUID/);
    rejectAt('RiskFlag', { id: { $nin: [PRISONER_ID, `${PRISONER_ID}0`] } }, 'conditions.id.$nin[1]', /is not a UUID/);
  });

  it('rejects non-string values', () => {
    rejectAt('RiskFlag', { status: 1 }, 'conditions.status', /expected a string, found number/);
    rejectAt('RiskFlag', { status: { $eq: true } }, 'conditions.status.$eq', /found boolean/);
    rejectAt('RiskFlag', { status: { $in: [['ACTIVE']] } }, 'conditions.status.$in[0]', /expected a string/);
  });

  it('rejects nested field objects and over-long strings', () => {
    rejectAt('RiskFlag', { prisoner: { vepStatus: 'NONE' } }, 'conditions.prisoner', /unknown field "prisoner"/);
    rejectAt('RiskFlag', { handlingCode: 'x'.repeat(CONDITION_LIMITS.stringLength + 1) }, 'conditions.handlingCode', /longer than 500/);
  });

  it('reports every problem, not just the first', () => {
    const problems = reject('RiskFlag', { colour: 'RED', severity: { $gt: 'HIGH' }, $or: [] });
    expect(problems.map((p) => p.path).sort()).toEqual(['conditions.$or', 'conditions.colour', 'conditions.severity.$gt']);
  });

  it('enforces the depth limit', () => {
    let deep: Record<string, unknown> = { status: 'ACTIVE' };
    for (let i = 0; i < CONDITION_LIMITS.depth + 1; i++) deep = { $and: [deep] };
    const problems = reject('RiskFlag', deep);
    expect(problems.some((p) => /nested too deeply/.test(p.message))).toBe(true);
    let shallow: Record<string, unknown> = { status: { $eq: 'ACTIVE' } };
    for (let i = 0; i < CONDITION_LIMITS.depth - 2; i++) shallow = { $or: [shallow] };
    expect(normaliseConditions('RiskFlag', shallow, now).problems).toEqual([]);
  });

  it('enforces the node limit', () => {
    const wide = { $or: Array.from({ length: CONDITION_LIMITS.nodes + 5 }, () => ({ status: 'ACTIVE' })) };
    const problems = reject('RiskFlag', wide);
    expect(problems.some((p) => /too many nodes \(limit 200\)/.test(p.message))).toBe(true);
    const fits = { $or: Array.from({ length: 50 }, () => ({ status: 'ACTIVE' })) };
    expect(normaliseConditions('RiskFlag', fits, now).problems).toEqual([]);
  });

  // Condition field lookup indexes a plain object literal, so the names of Object.prototype's
  // members resolve to "fields". `__proto__` then vanishes from the normalised conditions,
  // leaving `{}` — which CASL 7 treats as "match every row" — and `constructor` is accepted
  // and later translated to a SQL column that does not exist.
  it('rejects the names of Object.prototype members as unknown fields', () => {
    rejectAt('RiskFlag', JSON.parse('{"__proto__": "ACTIVE"}'), 'conditions.__proto__', /unknown field/);
  });

  it('rejects "constructor" as an unknown field', () => {
    rejectAt('RiskFlag', { constructor: 'x' }, 'conditions.constructor', /unknown field/);
  });

  it('rejects prisoner.__proto__ as an unknown field', () => {
    rejectAt('RiskFlag', JSON.parse('{"prisoner.__proto__": "x"}'), 'conditions.prisoner.__proto__', /unknown field/);
  });
});
