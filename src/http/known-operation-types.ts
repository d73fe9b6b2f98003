import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Refuses, at validation, an operation type the schema does not define (a `mutation` or
 * `subscription` while the API has none). graphql-js 16 lets such a document through to
 * execution, which fails with an uncoded error — an INTERNAL_SERVER_ERROR for what is a
 * malformed request. (graphql-js 17 has this rule as KnownOperationTypesRule.)
 */
export const KnownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`This API has no ${node.operation} operations`, { nodes: node }));
    }
  },
});
