import { redactionReasonFor, type RedactionReason } from '../policies/compiled-policy.js';
import { SUBJECTS, SUBJECT_TYPES, type SubjectType } from '../policies/subjects.js';
import { REDACTIONS_FIELD } from './record-redactions.js';

/**
 * The GraphQL object types whose values are shared records, governed field by field by the
 * policy: exactly the subjects of the policy's catalogue (src/policies/subjects.ts), each
 * exposed under its own name. This is the one declaration the default field resolver reads:
 * an object under one of these types that was not presented by the compiled read
 * (`presentCompiled`) is refused (docs/architecture.md §3.4).
 */
export const GOVERNED_TYPES: ReadonlySet<string> = new Set<string>(SUBJECT_TYPES);

export const isGovernedType = (typeName: string): typeName is SubjectType => GOVERNED_TYPES.has(typeName);

/** How one field of a governed type is governed. */
export type FieldGovernance =
  /** The record's identity and handling marks: on every row the caller may see. */
  | { kind: 'ALWAYS_VISIBLE' }
  /** Granted or withheld per row by the clauses; withheld with `reason`. */
  | { kind: 'POLICY'; withheldAs: RedactionReason }
  /** Computed from a granted field, visible exactly when it is. */
  | { kind: 'COMPUTED'; from: string }
  /** The record's own redactions: the fields above that this response withholds, from the same per-row decision. */
  | { kind: 'REDACTIONS' };

/**
 * How the scalar field `field` of governed type `subject` is governed, or null when the
 * catalogue does not govern it. (Fields with their own resolvers — relations — are resolved
 * through the policed reads instead; the governance snapshot test lists them.)
 */
export function fieldGovernance(subject: SubjectType, field: string): FieldGovernance | null {
  const definition = SUBJECTS[subject];
  if (field === REDACTIONS_FIELD) return { kind: 'REDACTIONS' };
  if (definition.alwaysVisible.includes(field)) return { kind: 'ALWAYS_VISIBLE' };
  if (definition.fields.includes(field)) return { kind: 'POLICY', withheldAs: redactionReasonFor(subject, field) };
  const from = definition.computed?.[field];
  return from === undefined ? null : { kind: 'COMPUTED', from };
}
