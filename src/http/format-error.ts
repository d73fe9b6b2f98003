import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { CONTRACT_CODES, LiaisonError } from '../errors.js';

/** Apollo's own request-level codes, safe to show as they are. */
const APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** PostgreSQL / driver conditions meaning "the database is not answering", not "the request is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND',
  '57P01', '57P02', '57P03', '57014', '53300', '08000', '08001', '08003', '08004', '08006',
]);

/**
 * PostgreSQL refusing a value it was given: a NUL byte or malformed text, a malformed
 * representation (e.g. of a UUID), a date or number out of its range. Inputs are validated
 * before they reach the database; should one slip through, it is still the request that is
 * wrong (BAD_USER_INPUT), not the server (the original is logged all the same).
 */
const INVALID_VALUE_CODES = new Set(['22021', '22P05', '22P02', '22007', '22008', '22003']);

export function isInvalidValueForDatabase(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && INVALID_VALUE_CODES.has(code);
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Connection refused|the database system is (starting up|shutting down)|Client has encountered a connection error|Cannot use a pool after calling end/i.test(message);
}

export const SERVICE_UNAVAILABLE_MESSAGE = 'The service is temporarily unavailable; try again shortly';
export const INTERNAL_MESSAGE = 'Internal server error';

/** Extensions a known error may carry to the client; anything else is dropped. */
// retryAfterSeconds: rate limits; rule, problems: MoU administration's refusing rule and validation problems
// (and INVALID_RECORD's); currentRevision: a write's CONFLICT.
const PUBLIC_EXTENSIONS = ['retryAfterSeconds', 'rule', 'problems', 'currentRevision'] as const;

/** graphql-js's parser refuses a document over `parseOptions.maxTokens` with this syntax error. */
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;
/** graphql-js's validator stops with this when comparing the document's fields would cost too much. */
const VALIDATION_BUDGET = 'Validation aborted.';

/** The gateway's own error behind `error`, however Apollo wrapped it (validation rules, resolvers). */
function liaisonCause(error: unknown): LiaisonError | undefined {
  for (let e = error as { originalError?: unknown } | undefined, hops = 0; e && hops < 5; e = e.originalError as typeof e, hops++) {
    if (e instanceof LiaisonError) return e;
  }
  return undefined;
}

/**
 * One place where errors become what the client sees (Apollo's `formatError`). Known codes
 * keep their message; a database that does not answer becomes SERVICE_UNAVAILABLE; a query
 * limit becomes QUERY_TOO_COMPLEX whichever stage found it; anything else is masked as
 * INTERNAL_SERVER_ERROR — the original is logged with the decision id by the response
 * plugin. Every error names the request's decision id (`decisionIdOnErrors`, `graphqlOverExpress`;
 * one already in `extensions` is kept). Stack traces never leave the server.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const result = clientError(formatted, error);
  const decisionId = typeof formatted.extensions?.decisionId === 'string' ? formatted.extensions.decisionId : undefined;
  return decisionId ? { ...result, extensions: { ...result.extensions, decisionId } } : result;
}

function clientError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  if (isDatabaseUnavailable(original)) {
    return { message: SERVICE_UNAVAILABLE_MESSAGE, ...base, extensions: { code: 'SERVICE_UNAVAILABLE' } };
  }
  if (isInvalidValueForDatabase(original)) {
    return {
      message: 'A value in the request is not valid: control characters, a malformed identifier or a date out of range',
      ...base, extensions: { code: 'BAD_USER_INPUT' },
    };
  }
  const tokenLimit = TOKEN_LIMIT.exec(formatted.message);
  if (tokenLimit && formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED') {
    return { message: `The document has more than ${tokenLimit[1]} tokens`, extensions: { code: 'QUERY_TOO_COMPLEX' } };
  }
  if (formatted.message === VALIDATION_BUDGET && formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED') {
    return { message: 'The document repeats fields too often to be validated', extensions: { code: 'QUERY_TOO_COMPLEX' } };
  }
  const cause = liaisonCause(error);
  const code = cause?.code ?? formatted.extensions?.code;
  const message = cause?.message ?? formatted.message;
  const extensions = { ...cause?.extensions, ...formatted.extensions };
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR' && (CONTRACT_CODES.has(code) || APOLLO_CODES.has(code))) {
    const { validationErrors } = extensions;
    return {
      message,
      ...base,
      extensions: {
        code,
        ...Object.fromEntries(PUBLIC_EXTENSIONS.filter((key) => extensions[key] !== undefined).map((key) => [key, extensions[key]])),
        ...(Array.isArray(validationErrors)
          ? { validationErrors: (validationErrors as { property?: string; constraints?: unknown }[]).map((v) => ({ property: v.property, constraints: v.constraints })) }
          : {}),
      },
    };
  }
  return { message: INTERNAL_MESSAGE, ...base, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
