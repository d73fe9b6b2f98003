import {
  buildMongoQueryMatcher, createMongoAbility, subject as tagSubject,
  type MongoAbility, type RawRuleOf,
} from '@casl/ability';
import { $and, $not, $or, and, not, or } from '@ucast/mongo2js';
import type { SubjectType } from './subjects.js';

export type Action = 'read' | 'create' | 'update';
export type TaggedRecord = Record<string, unknown> & { readonly __caslSubjectType__: SubjectType };
export type LiaisonAbility = MongoAbility<[Action, SubjectType | TaggedRecord]>;
export type LiaisonRule = RawRuleOf<LiaisonAbility>;

/**
 * Compares two values the way PostgreSQL does, so that a rule evaluated in memory selects
 * the same rows as its SQL translation: a NULL (or missing) value is incomparable, hence
 * neither equal to, less than nor greater than anything; Dates compare as ISO-8601 strings,
 * the form condition values are normalised to. The ucast default would order `null` below
 * every string and let `{ reviewDate: { $lt: … } }` match rows with no review date.
 */
export function compareAsSql(a: unknown, b: unknown): 0 | 1 | -1 {
  if (a === null || a === undefined || b === null || b === undefined) {
    return a == null && b == null ? 0 : (Number.NaN as 0);
  }
  const x = a instanceof Date ? a.toISOString() : a;
  const y = b instanceof Date ? b.toISOString() : b;
  if (typeof x !== typeof y) return Number.NaN as 0;
  return x === y ? 0 : (x as string) > (y as string) ? 1 : -1;
}

/** CASL's default matcher lacks $and/$or/$not (docs/architecture.md §8, toolchain note 3). */
const conditionsMatcher = buildMongoQueryMatcher({ $and, $or, $not }, { and, or, not }, { compare: compareAsSql });

/**
 * Untagged objects are never guessed at: a record must be tagged with `asSubject` before a
 * check (docs/architecture.md §8, toolchain note 4), otherwise the check throws rather than silently failing.
 */
function detectSubjectType(object: TaggedRecord): SubjectType {
  const type = (object as Partial<TaggedRecord>).__caslSubjectType__;
  if (!type) throw new Error('policy check on an untagged record; wrap it with asSubject(type, row)');
  return type;
}

export function createLiaisonAbility(rules: LiaisonRule[]): LiaisonAbility {
  return createMongoAbility<LiaisonAbility>(rules, {
    conditionsMatcher,
    detectSubjectType,
  });
}

/** Tags a loaded row with its subject type for policy checks. */
export function asSubject<T extends object>(type: SubjectType, row: T): T & TaggedRecord {
  return tagSubject(type, row as T & Record<string, unknown>) as T & TaggedRecord;
}
