import cors from 'cors';
import type { RequestHandler } from 'express';
import { CASE_REFERENCE_HEADER, DECISION_ID_HEADER, PURPOSE_HEADER } from './headers.js';

/**
 * Cross-origin access for the browser applications named in LIAISON_CORS_ORIGINS (exact
 * origins; none by default, so no browser page of another origin can read a response).
 * Credentials are bearer tokens in a header, never cookies, so none are allowed.
 */
export function corsPolicy(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['POST'],
    allowedHeaders: ['Content-Type', 'Authorization', PURPOSE_HEADER, CASE_REFERENCE_HEADER, 'Apollo-Require-Preflight'],
    exposedHeaders: [DECISION_ID_HEADER, 'Retry-After'],
    credentials: false,
    maxAge: 600,
  });
}
