import {
  getArgumentValues, getNamedType, getVariableValues, Kind, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import type { RequestSummary } from '../audit/audit-sink.js';
import { isSubjectType } from '../policies/subjects.js';

type SearchTerm = NonNullable<RequestSummary['searchTerms']>[number];

/** Longest search-term list kept in a log entry (serialised); longer ones are cut, and say so. */
const MAX_TERMS_CHARACTERS = 4_096;

/**
 * The arguments of the operation's root fields, as the resolvers received them: a literal in
 * the document and a variable give the same term, so a search sent as variables
 * (`prisoners(filter: { nationalId: $n })`) is logged with what it looked for, not only
 * with the document's hash. Values become what the log's canonical JSON holds: dates as ISO
 * text, numbers that are not safe integers as text.
 */
export function searchTermsOf(
  schema: GraphQLSchema, operation: OperationDefinitionNode | undefined, variables: Record<string, unknown> | undefined,
): SearchTerm[] {
  if (!operation || operation.operation !== 'query') return [];
  const root = schema.getQueryType();
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (!root || coerced.errors) return [];
  const terms: SearchTerm[] = [];
  const visit = (selections: SelectionSetNode): void => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
        continue;
      }
      if (selection.kind !== Kind.FIELD) continue; // named fragments at the root: their fields' terms are not kept
      const field = root.getFields()[selection.name.value];
      if (!field || (selection.arguments ?? []).length === 0) continue;
      const returned = getNamedType(field.type).name.replace(/Connection$/, '');
      terms.push({
        arguments: plain(getArgumentValues(field, selection, coerced.coerced)) as Record<string, unknown>,
        field: selection.name.value,
        subject: isSubjectType(returned) ? returned : null,
      });
    }
  };
  visit(operation.selectionSet);
  const text = JSON.stringify(terms);
  return text.length <= MAX_TERMS_CHARACTERS ? terms : [{ arguments: { truncated: text.slice(0, MAX_TERMS_CHARACTERS) }, field: '(too long)', subject: null }];
}

function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(v)]));
  }
  return String(value);
}
