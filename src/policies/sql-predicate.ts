import { rulesToAST, rulesToCondition } from '@casl/ability/extra';
import { buildAnd, buildOr, CompoundCondition, FieldCondition, type Condition } from '@ucast/mongo2js';
import type { Action, LiaisonAbility } from './ability.js';
import { conditionFieldOf, PRISONER_PREFIX, type SubjectType } from './subjects.js';

/**
 * Rules → SQL (docs/architecture.md §2.5). CASL's `rulesToAST` already flattens rule
 * priority exactly (each `can` bounded by every higher-priority `cannot`); this module
 * translates that tree into a predicate with a closed operator set.
 *
 * The translation keeps SQL and memory in agreement, NULLs included. In memory a NULL is
 * incomparable (see `compareAsSql`): `eq`/`in`/`lt`… are false on NULL, and their negations
 * (`ne`, `nin`, `$not`) are true. SQL's three-valued logic would make those negations NULL
 * (row dropped), so negations are pushed down to the leaves and emitted null-safely
 * (`IS DISTINCT FROM`, `col IS NULL OR …`). Positive leaves stay plain `=`/`IN`/`<` so that
 * indexes serve them. An empty `$in` is FALSE (never `IN ()`), an unconditional rule TRUE,
 * no rule at all FALSE (fail closed).
 */

export interface PredicateAliases {
  /** Alias of the subject's table in the query. */
  record: string;
  /** Alias of the joined prisoner table, for `prisoner.<field>` conditions. */
  prisoner: string;
}

export interface SqlPredicate {
  /** A boolean SQL expression with TypeORM named parameters. */
  sql: string;
  params: Record<string, unknown>;
  /** Prisoner fields the predicate (or the in-memory check) reads through the join. */
  prisonerFields: string[];
}

const snake = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

const NEGATED_COMPARISON: Record<string, string> = { lt: '>=', lte: '>', gt: '<=', gte: '<' };
const COMPARISON: Record<string, string> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

class Translator {
  readonly params: Record<string, unknown> = {};
  readonly prisonerFields = new Set<string>();
  private counter = 0;

  constructor(
    private readonly subject: SubjectType,
    private readonly aliases: PredicateAliases,
    private readonly paramPrefix: string,
  ) {}

  translate(node: Condition, negated: boolean): string {
    if (node instanceof CompoundCondition) return this.compound(node, negated);
    if (node instanceof FieldCondition) return this.field(node, negated);
    throw new Error(`policy SQL: unsupported condition node ${JSON.stringify(node)}`);
  }

  private compound(node: CompoundCondition, negated: boolean): string {
    const children = node.value as Condition[];
    switch (node.operator) {
      case 'not':
        return this.translate(children[0]!, !negated);
      case 'and':
      case 'or': {
        // De Morgan: a negated AND is an OR of negations, and vice versa.
        const conjunction = (node.operator === 'and') !== negated;
        if (children.length === 0) return conjunction ? 'TRUE' : 'FALSE';
        const parts = children.map((child) => this.translate(child, negated));
        return parts.length === 1 ? parts[0]! : `(${parts.join(conjunction ? ' AND ' : ' OR ')})`;
      }
      default:
        throw new Error(`policy SQL: unsupported compound operator ${node.operator}`);
    }
  }

  private column(path: string): string {
    if (!conditionFieldOf(this.subject, path)) throw new Error(`policy SQL: unknown field ${path} of ${this.subject}`);
    if (path.startsWith(PRISONER_PREFIX)) {
      const field = path.slice(PRISONER_PREFIX.length);
      this.prisonerFields.add(field);
      return `${quote(this.aliases.prisoner)}.${quote(snake(field))}`;
    }
    return `${quote(this.aliases.record)}.${quote(snake(path))}`;
  }

  private param(value: unknown): string {
    const name = `${this.paramPrefix}${this.counter++}`;
    this.params[name] = value;
    return Array.isArray(value) ? `(:...${name})` : `:${name}`;
  }

  private field(node: FieldCondition, negated: boolean): string {
    const column = this.column(node.field);
    const { operator, value } = node;
    switch (operator) {
      case 'eq':
      case 'ne': {
        const isNot = (operator === 'ne') !== negated;
        if (value === null) return `${column} IS ${isNot ? 'NOT ' : ''}NULL`;
        return isNot ? `${column} IS DISTINCT FROM ${this.param(value)}` : `${column} = ${this.param(value)}`;
      }
      case 'in':
      case 'nin': {
        const isNot = (operator === 'nin') !== negated;
        const list = value as unknown[];
        if (list.length === 0) return isNot ? 'TRUE' : 'FALSE';
        return isNot
          ? `(${column} IS NULL OR ${column} NOT IN ${this.param(list)})`
          : `${column} IN ${this.param(list)}`;
      }
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte':
        return negated
          ? `(${column} IS NULL OR ${column} ${NEGATED_COMPARISON[operator]} ${this.param(value)})`
          : `${column} ${COMPARISON[operator]} ${this.param(value)}`;
      default:
        throw new Error(`policy SQL: unsupported operator ${operator}`);
    }
  }
}

/** Every field path any rule for (action, subject) tests, own fields and `prisoner.*` alike. */
export function conditionFieldsOf(ability: LiaisonAbility, action: Action, subject: SubjectType): Set<string> {
  const fields = new Set<string>();
  const visit = (node: Condition): void => {
    if (node instanceof CompoundCondition) (node.value as Condition[]).forEach(visit);
    else if (node instanceof FieldCondition) fields.add(node.field);
  };
  for (const rule of ability.possibleRulesFor(action, subject)) {
    if (rule.ast) visit(rule.ast);
  }
  return fields;
}

/** The SQL predicate selecting exactly the rows `ability.can(action, row)` accepts. */
export function toSqlPredicate(
  ability: LiaisonAbility,
  action: Action,
  subject: SubjectType,
  aliases: PredicateAliases,
  paramPrefix = 'policy_',
): SqlPredicate {
  const ast = rulesToAST(ability, action, subject);
  const translator = new Translator(subject, aliases, paramPrefix);
  const sql = ast === null ? 'FALSE' : translator.translate(ast, false);
  // Field masking reads prisoner fields from rules that the row-level AST may not include
  // (e.g. field-level `cannot` rules): load them all.
  for (const path of conditionFieldsOf(ability, action, subject)) {
    if (path.startsWith(PRISONER_PREFIX)) translator.prisonerFields.add(path.slice(PRISONER_PREFIX.length));
  }
  return { sql, params: translator.params, prisonerFields: [...translator.prisonerFields].sort() };
}

/**
 * The SQL predicate selecting exactly the rows on which `ability.can(action, row, field)`
 * holds: the rules that apply to `field`, flattened by priority as for rows. Combined with
 * the row predicate (AND), it is the per-row field decision of `CompiledPolicy.decide` in
 * SQL — what a search needs to match only on values the caller may see.
 */
export function toFieldSqlPredicate(
  ability: LiaisonAbility,
  action: Action,
  subject: SubjectType,
  field: string,
  aliases: PredicateAliases,
  paramPrefix: string,
): SqlPredicate {
  const ast = rulesToCondition(
    ability.rulesFor(action, subject, field),
    (rule): Condition => {
      if (!rule.ast) throw new Error(`policy SQL: rule without conditions AST ${JSON.stringify(rule)}`);
      return rule.inverted ? new CompoundCondition('not', [rule.ast]) : rule.ast;
    },
    { and: buildAnd, or: buildOr, empty: () => buildAnd([]) },
  );
  const translator = new Translator(subject, aliases, paramPrefix);
  const sql = ast === null ? 'FALSE' : translator.translate(ast, false);
  return { sql, params: translator.params, prisonerFields: [...translator.prisonerFields].sort() };
}

/** One clause's rule as SQL: the rows the rule's own conditions match (for the clause ids of a row). */
export interface ClauseMatchSql {
  clauseId: string;
  predicate: SqlPredicate;
}

/**
 * Per clause, the rows its `read` rule matches, in the order `CompiledPolicy.decide` lists
 * a row's clauses (lowest priority first). Within the row predicate, a row's clause ids in SQL
 * are exactly `decide(...).clauseIds` in memory: the ids of the `can` rules with a clause
 * whose conditions match the row.
 */
export function toClauseMatchSql(
  ability: LiaisonAbility,
  subject: SubjectType,
  aliases: PredicateAliases,
  paramPrefix: string,
  clauseIdOf: (reason: string | undefined) => string | undefined,
): ClauseMatchSql[] {
  const rules = ability.possibleRulesFor('read', subject);
  const matches: ClauseMatchSql[] = [];
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i]!;
    const clauseId = clauseIdOf(rule.reason);
    if (rule.inverted || !clauseId) continue;
    const translator = new Translator(subject, aliases, `${paramPrefix}${i}_`);
    const sql = rule.ast ? translator.translate(rule.ast, false) : 'TRUE';
    matches.push({ clauseId, predicate: { sql, params: translator.params, prisonerFields: [...translator.prisonerFields].sort() } });
  }
  return matches;
}
