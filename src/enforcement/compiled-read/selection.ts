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
 * `@skip`/`@include` are honoured.
 */
export interface RecordSelection {
  fields: Set<string>;
  relations: Map<string, RecordSelection>;
}

/** What a request selected of a connection. */
export interface ConnectionSelection {
  /** `edges` selected at all (even only `__typename`): the page's records are revealed. */
  edges: boolean;
  cursor: boolean;
  node: RecordSelection | null;
  /** Further edge fields (e.g. a search's `match`). */
  edgeFields: Set<string>;
  hasNextPage: boolean;
  endCursor: boolean;
  totalCount: boolean;
}

type Info = Pick<GraphQLResolveInfo, 'fragments' | 'variableValues'>;

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
  const skip = getDirectiveValues(GraphQLSkipDirective, node, info.variableValues);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues);
  return include?.if !== false;
}

const childrenOf = (nodes: readonly FieldNode[], info: Info): FieldNode[] =>
  nodes.flatMap((node) => fieldsOf(node.selectionSet, info));

/** The selection of `subject` records under `nodes` (the field nodes that return them). */
export function recordSelection(subject: SubjectType, nodes: readonly FieldNode[], info: Info): RecordSelection {
  const selection: RecordSelection = { fields: new Set(), relations: new Map() };
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
  const selection: ConnectionSelection = {
    edges: false, cursor: false, node: null, edgeFields: new Set(), hasNextPage: false, endCursor: false, totalCount: false,
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

/** The selection of the root field being resolved. */
export const selectedRecord = (subject: SubjectType, info: GraphQLResolveInfo): RecordSelection =>
  recordSelection(subject, info.fieldNodes, info);

export const selectedConnection = (subject: SubjectType, info: GraphQLResolveInfo): ConnectionSelection =>
  connectionSelection(subject, info.fieldNodes, info);
