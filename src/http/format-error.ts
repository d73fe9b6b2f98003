import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { CONTRACT_CODES } from '../errors.js';

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

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Connection refused|the database system is (starting up|shutting down)/i.test(message);
}

export const SERVICE_UNAVAILABLE_MESSAGE = 'The service is temporarily unavailable; try again shortly';
export const INTERNAL_MESSAGE = 'Internal server error';

/**
 * One place where errors become what the client sees (Apollo's `formatError`). Known codes
 * keep their message; a database that does not answer becomes SERVICE_UNAVAILABLE; anything
 * else is masked as INTERNAL_SERVER_ERROR — the original is logged with the decision id by
 * the response plugin. Stack traces never leave the server.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  if (isDatabaseUnavailable(original)) {
    return { message: SERVICE_UNAVAILABLE_MESSAGE, ...base, extensions: { code: 'SERVICE_UNAVAILABLE' } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR' && (CONTRACT_CODES.has(code) || APOLLO_CODES.has(code))) {
    const { decisionId, validationErrors, rule, problems } = formatted.extensions ?? {};
    return {
      message: formatted.message,
      ...base,
      extensions: {
        code,
        ...(decisionId ? { decisionId } : {}),
        // MoU administration: the rule that refused, and every validation problem.
        ...(typeof rule === 'string' ? { rule } : {}),
        ...(Array.isArray(problems) ? { problems } : {}),
        ...(Array.isArray(validationErrors)
          ? { validationErrors: (validationErrors as { property?: string; constraints?: unknown }[]).map((v) => ({ property: v.property, constraints: v.constraints })) }
          : {}),
      },
    };
  }
  return { message: INTERNAL_MESSAGE, ...base, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
