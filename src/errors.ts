import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * The error taxonomy of the API contract (docs/architecture.md §5). Every error a caller can see
 * is made here, with its code and, where it decides the HTTP status, the status. Anything
 * else reaching the client is masked as INTERNAL_SERVER_ERROR.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'PURPOSE_REQUIRED' | 'CASE_REFERENCE_REQUIRED' | 'NOT_FOUND'
  | 'BAD_USER_INPUT' | 'QUERY_TOO_COMPLEX' | 'RATE_LIMITED' | 'SERVICE_UNAVAILABLE' | 'INTERNAL_SERVER_ERROR';

export const CONTRACT_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'UNAUTHENTICATED', 'FORBIDDEN', 'PURPOSE_REQUIRED', 'CASE_REFERENCE_REQUIRED', 'NOT_FOUND',
  'BAD_USER_INPUT', 'QUERY_TOO_COMPLEX', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR',
]);

export interface LiaisonErrorOptions {
  /** The HTTP status the error decides (Apollo reads `extensions.http`). */
  status?: number;
  /** Response headers the error sets, e.g. Retry-After. */
  headers?: Record<string, string>;
  details?: Record<string, unknown>;
}

export class LiaisonError extends GraphQLError {
  constructor(readonly code: ErrorCode, message: string, extra: LiaisonErrorOptions = {}) {
    const headers = extra.headers ? new HeaderMap(Object.entries(extra.headers)) : undefined;
    super(message, {
      extensions: {
        code,
        ...extra.details,
        ...(extra.status || headers ? { http: { ...(extra.status ? { status: extra.status } : {}), ...(headers ? { headers } : {}) } } : {}),
      },
    });
  }
}

export const unauthenticated = (): LiaisonError =>
  new LiaisonError('UNAUTHENTICATED', 'A valid bearer token from a trusted issuer is required', { status: 401 });

export const forbidden = (message: string, status?: number): LiaisonError =>
  new LiaisonError('FORBIDDEN', message, status ? { status } : {});

export const purposeRequired = (subject: string): LiaisonError =>
  new LiaisonError(
    'PURPOSE_REQUIRED',
    `${subject} data of another agency is shared only for a declared purpose: send the Liaison-Purpose header`,
  );

export const caseReferenceRequired = (subject: string): LiaisonError =>
  new LiaisonError(
    'CASE_REFERENCE_REQUIRED',
    `The MoU clause sharing ${subject} data requires a case reference: send the Liaison-Case-Reference header`,
  );

export const notFound = (what: string): LiaisonError => new LiaisonError('NOT_FOUND', `${what} not found`);

export const badUserInput = (message: string, status?: number): LiaisonError =>
  new LiaisonError('BAD_USER_INPUT', message, status ? { status } : {});

export const serviceUnavailable = (): LiaisonError =>
  new LiaisonError('SERVICE_UNAVAILABLE', 'The service is temporarily unavailable; try again shortly', { status: 503 });

/**
 * A refusal by a named rule of MoU administration (src/mou/rules/mou-lifecycle.ts): the
 * message says which rule refused and why; `extensions.rule` names it for programs.
 */
export const refusedByRule = (refusal: { code: 'NOT_FOUND' | 'FORBIDDEN' | 'BAD_USER_INPUT'; rule: string; message: string }): LiaisonError =>
  refusal.code === 'NOT_FOUND'
    // Exactly the error of a missing id: no rule name that would tell "exists" from "absent".
    ? notFound('MoU')
    : new LiaisonError(refusal.code, refusal.message, { details: { rule: refusal.rule } });

/** An MoU or clause that fails validation: every problem, each naming the clause and the part. */
export const invalidMou = (
  problems: readonly { position: number | null; clause: string | null; path: string; message: string }[],
  describe: (problem: (typeof problems)[number]) => string,
): LiaisonError =>
  new LiaisonError(
    'BAD_USER_INPUT',
    `Refused (INVALID_MOU): ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.map(describe).join(' | ')}`,
    { details: { rule: 'INVALID_MOU', problems: problems.map((p) => ({ ...p })) } },
  );

/** A request over a query limit (depth, cost, aliases, tokens, directives, size, batching, page size). */
export const queryTooComplex = (message: string, status = 400): LiaisonError =>
  new LiaisonError('QUERY_TOO_COMPLEX', message, { status });

/** Too many requests or records: HTTP 429 with `Retry-After` (whole seconds, at least 1). */
export const rateLimited = (message: string, retryAfterSeconds: number): LiaisonError => {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new LiaisonError('RATE_LIMITED', message, {
    status: 429,
    headers: { 'retry-after': String(seconds) },
    details: { retryAfterSeconds: seconds },
  });
};
