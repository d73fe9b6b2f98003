import { getObjectField } from '@ucast/mongo2js';
import { asSubject, type LiaisonRule, type TaggedRecord } from './ability.js';
import type { BuiltPolicy, Gate } from './build-policy.js';
import { clauseIdOf, type Clause } from './clause.js';
import {
  conditionFieldsOf, toClauseMatchSql, toFieldSqlPredicate, toSqlPredicate,
  type ClauseMatchSql, type PredicateAliases, type SqlPredicate,
} from './sql-predicate.js';
import { isStatutoryField } from './statutory-exclusions.js';
import { OWNER_FIELD, SUBJECTS, type SubjectType } from './subjects.js';

export type RedactionReason = 'NO_CLAUSE' | 'STATUTORY_EXCLUSION';

/**
 * What the policy says about one loaded row. Shared by every row with the same values in the
 * fields the rules test (see `decide`), so it is immutable.
 */
export interface RowDecision {
  readonly readable: boolean;
  /** Fields of the row the caller may see (always-visible fields included). */
  readonly fields: ReadonlySet<string>;
  /** Clauses whose rules match the row: the legal ground of its disclosure. Empty for own-agency reads. */
  readonly clauses: readonly Clause[];
  readonly clauseIds: readonly string[];
}

/** Which of a subject's fields the caller may read at all, and under which clauses (for `me`). */
export interface SubjectReach {
  subject: SubjectType;
  /** Fields readable on the caller's own agency's records, by role. */
  ownAgencyFields: string[];
  /** Fields readable on other agencies' records, by clause. */
  sharedFields: string[];
  clauses: Clause[];
  /** Each readable field and what grants it: own-agency role rules, clauses, or the record itself (always visible). */
  fields: FieldReach[];
  gate: Gate | null;
}

export interface FieldReach {
  field: string;
  /** Roles whose own-agency rules grant the field (on the caller's agency's records). */
  roles: string[];
  /** Clauses that grant the field (on the rows each covers). */
  clauses: Clause[];
  /** Shown with every readable record whatever grants it (id, owner, handling). */
  alwaysVisible: boolean;
}

const NOT_READABLE: RowDecision = { readable: false, fields: new Set(), clauses: [], clauseIds: [] };

/** Distinct decisions kept per policy (the values tested are few: status, owner, TLP, a date…). */
const MAX_MEMOISED_DECISIONS = 10_000;

export const redactionReasonFor = (subject: SubjectType, field: string): RedactionReason =>
  isStatutoryField(subject, field) ? 'STATUTORY_EXCLUSION' : 'NO_CLAUSE';

/**
 * A built policy plus what is derived from it per subject (SQL predicates, the fields the
 * conditions need), computed once and shared by every request with the same ability.
 */
export class CompiledPolicy {
  private readonly predicates = new Map<string, SqlPredicate>();
  private readonly neededFields = new Map<SubjectType, string[]>();
  private readonly decisions = new Map<string, RowDecision>();
  private readonly clauseMatchPredicates = new Map<string, ClauseMatchSql[]>();

  constructor(readonly built: BuiltPolicy) {}

  get ability() {
    return this.built.ability;
  }

  /** Why cross-agency data of this subject is out of reach, if it is. */
  gate(subject: SubjectType): Gate | null {
    return this.built.gates.get(subject) ?? null;
  }

  /** The row filter for `read` on `subject`, for a query using `aliases`. */
  sql(subject: SubjectType, aliases: PredicateAliases): SqlPredicate {
    const key = `${subject}|${aliases.record}|${aliases.prisoner}`;
    let predicate = this.predicates.get(key);
    if (!predicate) {
      predicate = toSqlPredicate(this.built.ability, 'read', subject, aliases, `${aliases.record}_policy_`);
      this.predicates.set(key, predicate);
    }
    return predicate;
  }

  /**
   * The rows (of those the row filter selects) on which the caller may see `field`: with
   * `sql`, the SQL form of `decide(...).fields.has(field)`.
   */
  fieldSql(subject: SubjectType, field: string, aliases: PredicateAliases): SqlPredicate {
    const key = `${subject}|${field}|${aliases.record}|${aliases.prisoner}`;
    let predicate = this.predicates.get(key);
    if (!predicate) {
      predicate = toFieldSqlPredicate(this.built.ability, 'read', subject, field, aliases, `${aliases.record}_${field}_policy_`);
      this.predicates.set(key, predicate);
    }
    return predicate;
  }

  /**
   * Per clause, the rows its rule matches: with `sql`, the SQL form of `decide(...).clauseIds`
   * (the compiled read returns a row's clause ids beside its data).
   */
  clauseSql(subject: SubjectType, aliases: PredicateAliases): readonly ClauseMatchSql[] {
    const key = `${subject}|${aliases.record}|${aliases.prisoner}`;
    let matches = this.clauseMatchPredicates.get(key);
    if (!matches) {
      matches = toClauseMatchSql(this.built.ability, subject, aliases, `${aliases.record}_clause_`, clauseIdOf)
        .filter((match) => this.built.clauses.has(match.clauseId));
      this.clauseMatchPredicates.set(key, matches);
    }
    return matches;
  }

  /**
   * Field permissions for one row, per docs/architecture.md §2.3 rule 5: a field is visible when some
   * rule matching *this row* grants it and no higher-priority `cannot` matching it takes it
   * away (CASL's `permittedFieldsOf`, which this mirrors, collecting the clauses as well).
   * A row missing a column that a condition tests is refused rather than guessed at
   * (docs/architecture.md §8, toolchain note 6).
   */
  decide(subject: SubjectType, row: object): RowDecision {
    // The decision depends only on the values of the fields the rules test: rows that agree on
    // them (as most rows of a page do) share it, and it is computed once per policy.
    let key: string = subject;
    for (const path of this.fieldsNeededBy(subject)) {
      const value: unknown = getObjectField(row, path);
      if (value === undefined) throw new Error(`policy: ${subject} row loaded without "${path}", which a rule tests`);
      key += value === null ? '\u0001n' : value instanceof Date ? `\u0001d${value.toISOString()}` : `\u0001s${String(value)}`;
    }
    let decision = this.decisions.get(key);
    if (!decision) {
      decision = this.evaluate(subject, asSubject(subject, { ...row }));
      if (this.decisions.size >= MAX_MEMOISED_DECISIONS) this.decisions.clear();
      this.decisions.set(key, decision);
    }
    return decision;
  }

  private evaluate(subject: SubjectType, tagged: TaggedRecord): RowDecision {
    // Each rule's conditions are evaluated once (rules in priority order, highest first).
    const rules = this.built.ability.possibleRulesFor('read', subject);
    const matches = rules.map((rule) => rule.matchesConditions(tagged));
    // Row level, as `ability.can('read', row)` decides it: the first matching rule that
    // applies to whole rows (field-level `cannot` rules do not hide rows).
    const decisive = rules.findIndex((rule, i) => matches[i] && !(rule.inverted && rule.fields));
    if (decisive < 0 || rules[decisive]!.inverted) return NOT_READABLE;
    const fields = new Set<string>(SUBJECTS[subject].alwaysVisible);
    const clauses: Clause[] = [];
    for (let i = rules.length - 1; i >= 0; i--) {
      const rule = rules[i]!;
      if (!matches[i]) continue;
      const granted = rule.fields ?? SUBJECTS[subject].fields;
      if (rule.inverted) {
        for (const field of granted) fields.delete(field);
      } else {
        for (const field of granted) fields.add(field);
        const clause = this.built.clauses.get(clauseIdOf(rule.reason) ?? '');
        if (clause) clauses.push(clause);
      }
    }
    for (const field of SUBJECTS[subject].alwaysVisible) fields.add(field);
    return { readable: true, fields, clauses, clauseIds: clauses.map((c) => c.id) };
  }

  /**
   * Whether the caller may filter `subject` rows on `field`. A filter on a field the caller
   * cannot see on every row it can see would be an oracle for that field's value, so every
   * rule granting rows must grant the field, and a statutory field never qualifies for
   * another agency's rows.
   */
  canFilterOn(subject: SubjectType, field: string): boolean {
    const grants = this.rowGrants(subject);
    if (grants.length === 0) return true; // nothing visible: the filter reveals nothing
    return grants.every((rule) => !rule.fields || (rule.fields as string[]).includes(field))
      && !(isStatutoryField(subject, field) && grants.some((rule) => clauseIdOf(rule.reason)));
  }

  /** What the caller can read of `subject`, by role and by clause, for `me`. */
  reach(subject: SubjectType): SubjectReach {
    const own = new Set<string>();
    const shared = new Set<string>();
    const clauses = new Map<string, Clause>();
    const sources = new Map<string, { roles: Set<string>; clauses: Map<string, Clause> }>();
    const sourceOf = (field: string) => {
      let source = sources.get(field);
      if (!source) sources.set(field, source = { roles: new Set(), clauses: new Map() });
      return source;
    };
    for (const rule of this.rowGrants(subject)) {
      const clause = this.built.clauses.get(clauseIdOf(rule.reason) ?? '');
      const role = rule.reason?.startsWith('role:') ? rule.reason.slice('role:'.length) : null;
      const target = clause ? shared : own;
      for (const field of (rule.fields ?? SUBJECTS[subject].fields) as string[]) {
        if (clause && isStatutoryField(subject, field)) continue;
        target.add(field);
        if (clause) sourceOf(field).clauses.set(clause.id, clause);
        else if (role) sourceOf(field).roles.add(role);
      }
      if (clause) clauses.set(clause.id, clause);
    }
    const catalogue = [...SUBJECTS[subject].fields, ...SUBJECTS[subject].alwaysVisible.filter((f) => !SUBJECTS[subject].fields.includes(f))];
    const ordered = (fields: Set<string>): string[] => {
      if (fields.size > 0) for (const field of SUBJECTS[subject].alwaysVisible) fields.add(field);
      return catalogue.filter((f) => fields.has(f));
    };
    const readable = new Set([...ordered(new Set(own)), ...ordered(new Set(shared))]);
    return {
      subject,
      ownAgencyFields: ordered(own),
      sharedFields: ordered(shared),
      clauses: [...clauses.values()],
      fields: catalogue.filter((f) => readable.has(f)).map((field) => ({
        field,
        roles: [...(sources.get(field)?.roles ?? [])].sort(),
        clauses: [...(sources.get(field)?.clauses.values() ?? [])],
        alwaysVisible: SUBJECTS[subject].alwaysVisible.includes(field),
      })),
      gate: this.gate(subject),
    };
  }

  private rowGrants(subject: SubjectType): LiaisonRule[] {
    return this.built.ability.rulesFor('read', subject).filter((rule) => !rule.inverted) as unknown as LiaisonRule[];
  }

  /** Condition fields the rules test, plus the owner column, which every rule tests. */
  private fieldsNeededBy(subject: SubjectType): string[] {
    let fields = this.neededFields.get(subject);
    if (!fields) {
      fields = [...new Set([OWNER_FIELD, ...conditionFieldsOf(this.built.ability, 'read', subject)])];
      this.neededFields.set(subject, fields);
    }
    return fields;
  }
}
