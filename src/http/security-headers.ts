import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every response. The gateway serves JSON only (no landing page), so
 * the content security policy allows nothing, no page may frame it, and nothing it sends is
 * cacheable or readable by another origin unless CORS allows it. HSTS tells browsers to use
 * HTTPS (the gateway is deployed behind TLS).
 *
 * Helmet decides the headers (they depend on nothing in the request); it runs once at start-up
 * and every response gets what it wrote then, one loop of `setHeader`, instead of a dozen
 * middlewares per request.
 */
export function securityHeaders(): RequestHandler {
  const decided = helmetHeaders(helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    xFrameOptions: { action: 'deny' },
  }));
  const { set, removed } = decided;
  return (_req, res, next) => {
    for (let i = 0; i < set.length; i++) res.setHeader(set[i]![0], set[i]![1]);
    for (let i = 0; i < removed.length; i++) res.removeHeader(removed[i]!);
    next();
  };
}

/** The headers `middleware` sets and removes, in its order (it must not depend on the request, as Helmet's static options do not). */
function helmetHeaders(middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void) {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string) => void set.push([name, value]),
    removeHeader: (name: string) => void removed.push(name),
  } as unknown as ServerResponse;
  let done = false;
  let failure: unknown;
  middleware({} as IncomingMessage, recorder, (error) => {
    done = true;
    failure = error;
  });
  if (failure || !done) throw failure ?? new Error('securityHeaders: Helmet did not decide its headers synchronously');
  return { set, removed };
}
