import {
  getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, Kind,
  type FieldNode, type GraphQLResolveInfo, type SelectionSetNode,
} from 'graphql';
import type { SubjectType } from '../../policies/subjects.js';
import { RECORD_SHAPES } from './record-shapes.js';

/**
 * What a request selected of a record: the names of its fields (aliases merged: a field's
 * value does not depend on its alias, relations have no arguments) and, per relation, what it
 * selected of the related records. Built from the GraphQL document; fragments and
 * `@skip`/`@include` are honoured. Shared by every request of the same document (see
 * `selected`): never changed once built.
 */
export interface RecordSelection {
  readonly fields: ReadonlySet<string>;
  readonly relations: ReadonlyMap<string, RecordSelection>;
}

/** What a request selected of a connection (shared and never changed, as a RecordSelection). */
export interface ConnectionSelection {
  /** `edges` selected at all (even only `__typename`): the page's records are revealed. */
  readonly edges: boolean;
  readonly cursor: boolean;
  readonly node: RecordSelection | null;
  /** Further edge fields (e.g. a search's `match`). */
  readonly edgeFields: ReadonlySet<string>;
  readonly hasNextPage: boolean;
  readonly endCursor: boolean;
  readonly totalCount: boolean;
}

/**
 * The document's fragments and the request's variables, and whether the selection built so far
 * depends on those variables (an `@skip`/`@include` whose condition is a variable).
 */
type Info = Pick<GraphQLResolveInfo, 'fragments' | 'variableValues'> & { dependsOnVariables?: boolean };

/** The field nodes directly under `set`, fragments expanded, skipped ones left out. */
function fieldsOf(set: SelectionSetNode | undefined, info: Info, into: FieldNode[] = []): FieldNode[] {
  for (const selection of set?.selections ?? []) {
    if (!included(selection, info)) continue;
    if (selection.kind === Kind.FIELD) into.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsOf(selection.selectionSet, info, into);
    else {
      const fragment = info.fragments[selection.name.value];
      if (fragment) fieldsOf(fragment.selectionSet, info, into);
    }
  }
  return into;
}

function included(node: Parameters<typeof getDirectiveValues>[1], info: Info): boolean {
  if (!node.directives?.length) return true;
  if (node.directives.some((directive) => directive.arguments?.some((argument) => argument.value.kind === Kind.VARIABLE))) {
    info.dependsOnVariables = true;
  }
  const skip = getDirectiveValues(GraphQLSkipDirective, node, info.variableValues);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues);
  return include?.if !== false;
}

const childrenOf = (nodes: readonly FieldNode[], info: Info): FieldNode[] =>
  nodes.flatMap((node) => fieldsOf(node.selectionSet, info));

/** The selection of `subject` records under `nodes` (the field nodes that return them). */
export function recordSelection(subject: SubjectType, nodes: readonly FieldNode[], info: Info): RecordSelection {
  const selection = { fields: new Set<string>(), relations: new Map<string, RecordSelection>() };
  const relationNodes = new Map<string, FieldNode[]>();
  for (const child of childrenOf(nodes, info)) {
    const name = child.name.value;
    if (Object.hasOwn(RECORD_SHAPES[subject].relations, name)) {
      relationNodes.set(name, [...(relationNodes.get(name) ?? []), child]);
    } else {
      selection.fields.add(name);
    }
  }
  for (const [name, relation] of relationNodes) {
    selection.relations.set(name, recordSelection(RECORD_SHAPES[subject].relations[name]!.subject, relation, info));
  }
  return selection;
}

/** The selection of a connection of `subject` records under `nodes`. */
export function connectionSelection(subject: SubjectType, nodes: readonly FieldNode[], info: Info): ConnectionSelection {
  const selection = {
    edges: false, cursor: false, node: null as RecordSelection | null, edgeFields: new Set<string>(), hasNextPage: false, endCursor: false, totalCount: false,
  };
  const nodeFields: FieldNode[] = [];
  for (const child of childrenOf(nodes, info)) {
    switch (child.name.value) {
      case 'edges':
        selection.edges = true;
        for (const edgeField of fieldsOf(child.selectionSet, info)) {
          const name = edgeField.name.value;
          if (name === 'cursor') selection.cursor = true;
          else if (name === 'node') nodeFields.push(edgeField);
          else if (name !== '__typename') selection.edgeFields.add(name);
        }
        break;
      case 'pageInfo':
        for (const pageField of fieldsOf(child.selectionSet, info)) {
          if (pageField.name.value === 'hasNextPage') selection.hasNextPage = true;
          if (pageField.name.value === 'endCursor') selection.endCursor = true;
        }
        break;
      case 'totalCount':
        selection.totalCount = true;
        break;
      default:
        break;
    }
  }
  if (nodeFields.length > 0) selection.node = recordSelection(subject, nodeFields, info);
  return selection;
}

/** A selection built for a root field's nodes, with the nodes and subject it was built for. */
interface Built {
  subject: SubjectType;
  nodes: readonly FieldNode[];
  selection: RecordSelection | ConnectionSelection;
}

/**
 * Selections by the first field node of the root field. Apollo hands every request with the same
 * text the same parsed document, so the same nodes come back with each request of a document:
 * its selection is built once, not on every request — unless an `@skip`/`@include` in it reads
 * a variable, when it is built for each request's variables (and not kept).
 */
const built = new WeakMap<FieldNode, Built>();

function selected<T extends RecordSelection | ConnectionSelection>(
  subject: SubjectType, info: GraphQLResolveInfo, build: (subject: SubjectType, nodes: readonly FieldNode[], info: Info) => T,
): T {
  const nodes = info.fieldNodes;
  const known = built.get(nodes[0]!);
  if (known && known.subject === subject && known.nodes.length === nodes.length && known.nodes.every((node, i) => node === nodes[i])) {
    return known.selection as T;
  }
  const walk: Info = { fragments: info.fragments, variableValues: info.variableValues, dependsOnVariables: false };
  const selection = build(subject, nodes, walk);
  if (!walk.dependsOnVariables) built.set(nodes[0]!, { subject, nodes: [...nodes], selection });
  return selection;
}

/** The selection of the root field being resolved. */
export const selectedRecord = (subject: SubjectType, info: GraphQLResolveInfo): RecordSelection =>
  selected(subject, info, recordSelection);

export const selectedConnection = (subject: SubjectType, info: GraphQLResolveInfo): ConnectionSelection =>
  selected(subject, info, connectionSelection);
