import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every response. The gateway serves JSON only (no landing page), so
 * the content security policy allows nothing, no page may frame it, and nothing it sends is
 * cacheable or readable by another origin unless CORS allows it. HSTS tells browsers to use
 * HTTPS (the gateway is deployed behind TLS).
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    xFrameOptions: { action: 'deny' },
  });
}
