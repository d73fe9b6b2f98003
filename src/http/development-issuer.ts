import express, { type Router } from 'express';
import { mintDevelopmentToken } from '../auth/development-tokens.js';
import type { PolicySource } from '../enforcement/policy-store.js';
import { sendHttpError } from './http-errors.js';

const USER_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const TOKEN_TTL_SECONDS = 3600;

/**
 * The development issuer over HTTP, for the console's development sign-in: the agencies and
 * roles of the demo data, and a token for a chosen agency, role and user — what
 * `liaison token` prints. Mounted only in development mode, where the gateway trusts the
 * committed development key anyway; a production gateway has no such route (404).
 */
export function developmentIssuerRoutes(policyStore: PolicySource, audience: string): Router {
  const router = express.Router();
  router.get('/dev-issuer/agencies', async (_req, res) => {
    const snapshot = await policyStore.current();
    res.json([...snapshot.agencies.values()]
      .map((a) => ({ code: a.code, name: a.name, kind: a.kind, roles: [...a.roles].sort() }))
      .sort((a, b) => a.code.localeCompare(b.code)));
  });
  router.post('/dev-issuer/token', express.json({ limit: 1024 }), async (req, res) => {
    const { agency, role, userId } = (req.body ?? {}) as { agency?: unknown; role?: unknown; userId?: unknown };
    const snapshot = await policyStore.current();
    const known = typeof agency === 'string' ? snapshot.agencies.get(agency) : undefined;
    if (!known || typeof role !== 'string' || !known.roles.has(role)) {
      sendHttpError(res, 400, 'BAD_USER_INPUT', 'agency must be a known agency code and role one of its roles');
      return;
    }
    if (userId !== undefined && (typeof userId !== 'string' || !USER_ID.test(userId))) {
      sendHttpError(res, 400, 'BAD_USER_INPUT', 'userId must be 1–64 letters, digits or . _ @ -');
      return;
    }
    const token = mintDevelopmentToken({ agency: known.code, roles: [role], userId: userId as string | undefined, ttlSeconds: TOKEN_TTL_SECONDS, audience });
    res.json({ token, expiresIn: TOKEN_TTL_SECONDS });
  });
  return router;
}
