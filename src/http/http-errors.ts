import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import { INTERNAL_MESSAGE } from './format-error.js';

/**
 * Sends `body` with `status` through Node's own response (no Express method: the API's road
 * does not pass through Express, src/http/api-route.ts), as Express's `res.send` would: its
 * length set, the type given unless one is set already.
 */
export function sendBody(res: Response, status: number, body: string, type: string): void {
  res.statusCode = status;
  if (!res.hasHeader('content-type')) res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** An error answered by the HTTP layer itself, in the GraphQL response shape. */
export function sendHttpError(res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  const error = { errors: [{ message, extensions: { code, decisionId: res.locals.decisionId as string } }] };
  sendBody(res, status, JSON.stringify(error), 'application/json; charset=utf-8');
}

interface BodyParserError {
  status?: number;
  type?: string;
  limit?: number;
}

/** Content encodings the JSON body parser inflates (body-parser 2 on Node 20). */
export const ACCEPTED_CONTENT_ENCODINGS = ['gzip', 'deflate', 'br'] as const;

/** A compressed body that zlib could not inflate: body-parser passes zlib's error on as a bare 400. */
function isCorruptCompressedBody(error: BodyParserError, req: Request): boolean {
  const encoding = req.headers['content-encoding'];
  return error.status === 400 && error.type === undefined && typeof encoding === 'string' && encoding.toLowerCase() !== 'identity';
}

/**
 * Errors raised before GraphQL sees the request — mostly the JSON body parser — answered
 * as JSON with a code, never with Express's default HTML page (which carries a stack trace
 * outside production). A body over the size limit is a query limit: 413 QUERY_TOO_COMPLEX —
 * for a compressed body, the limit is on the inflated size, so a small "bomb" stops there.
 */
export function httpErrorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const e = (error ?? {}) as BodyParserError;
    switch (e.type) {
      case 'entity.too.large':
        sendHttpError(res, 413, 'QUERY_TOO_COMPLEX', `The request body is larger than the limit of ${e.limit ?? 'the gateway'} bytes`);
        return;
      case 'entity.parse.failed':
        sendHttpError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON');
        return;
      case 'charset.unsupported':
      case 'encoding.unsupported':
        sendHttpError(res, 415, 'BAD_REQUEST', `The request body must be JSON in UTF-8, uncompressed or with Content-Encoding ${ACCEPTED_CONTENT_ENCODINGS.join(', ')}`);
        return;
      case 'request.aborted':
      case 'request.size.invalid':
      case 'stream.encoding.set':
      case 'stream.not.readable':
        sendHttpError(res, 400, 'BAD_REQUEST', 'The request body could not be read');
        return;
      default:
        if (isCorruptCompressedBody(e, req)) {
          sendHttpError(res, 400, 'BAD_REQUEST', `The request body could not be decompressed as ${String(req.headers['content-encoding'])}`);
          return;
        }
        log.error({ err: error as Error, decisionId: res.locals.decisionId as string }, 'unexpected HTTP error (masked for the client)');
        sendHttpError(res, 500, 'INTERNAL_SERVER_ERROR', INTERNAL_MESSAGE);
    }
  };
}
