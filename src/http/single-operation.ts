import type { RequestHandler } from 'express';
import { sendHttpError } from './http-errors.js';

/**
 * Shapes what reaches Apollo, after the JSON body parser:
 * - only POST: a query in a GET URL would land in proxy and access logs, names and all;
 * - one operation per HTTP request: a batch (a JSON array) would multiply every per-request
 *   limit, so it is a query limit, refused before Apollo sees it (Apollo's own
 *   `allowBatchedHttpRequests` stays false behind this);
 * - a body that is not JSON (text/plain, a form): Apollo's Express integration answers 500
 *   when no body was parsed, so it gets an empty body instead and Apollo's CSRF prevention
 *   and request checks refuse it with 400, as any other malformed request.
 */
export const singleOperationOnly: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST') {
    sendHttpError(res, 405, 'BAD_REQUEST', 'Send GraphQL operations with POST and Content-Type: application/json', { Allow: 'POST' });
    return;
  }
  if (Array.isArray(req.body)) {
    sendHttpError(res, 400, 'QUERY_TOO_COMPLEX', 'Batched operations are not accepted: send one operation per request');
    return;
  }
  if (req.body === undefined || req.body === null) req.body = {};
  next();
};
