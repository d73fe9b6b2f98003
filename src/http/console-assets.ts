import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import helmet from 'helmet';
import type { SignInProvider } from '../auth/trusted-issuers.js';
import type { Config } from '../config.js';
import { PACKAGE_ROOT } from '../paths.js';
import { sendHttpError } from './http-errors.js';

/** Where `npm run build:console` writes the console (static files only). */
export const CONSOLE_DIST = path.join(PACKAGE_ROOT, 'dist', 'console');

/** What the console needs to know before anyone signs in (public, no personal data). */
export interface ConsoleSettings {
  mode: Config['mode'];
  /** Development sign-in through the development issuer (development mode only). */
  developmentSignIn: boolean;
  /**
   * Identity providers offering OpenID Connect sign-in: trusted issuers with an `oidc` client,
   * configured (LIAISON_TRUSTED_ISSUERS) or applied to the database (`liaison setup apply`).
   * The console finds each one's endpoints by OpenID Connect discovery of the issuer.
   */
  oidc: SignInProvider[];
}

export function consoleSettings(config: Config, signInProviders: readonly SignInProvider[]): ConsoleSettings {
  return {
    mode: config.mode,
    developmentSignIn: config.mode === 'development',
    oidc: [...signInProviders],
  };
}

/**
 * The console's own content security policy: scripts, styles and fonts from the gateway
 * only (no inline script, no CDN), calls to the gateway and to the configured identity
 * providers (the OpenID Connect token exchange is a browser `fetch`), nothing may frame it.
 * Inline style attributes are allowed (the UI libraries set some, e.g. popover positions and
 * visually hidden inputs); inline script is not. Fonts may be `data:` URLs (GraphiQL's
 * stylesheet embeds its fonts); nothing is fetched from another origin.
 */
function consoleCsp(settings: ConsoleSettings) {
  const providers = [...new Set(settings.oidc.map((p) => new URL(p.issuer).origin))];
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", ...providers],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  });
}

function sendPage(file: string) {
  return (_req: Request, res: Response) => {
    const page = path.join(CONSOLE_DIST, file);
    if (!existsSync(page)) {
      sendHttpError(res, 503, 'SERVICE_UNAVAILABLE', 'The console is not built: run `npm run build:console`');
      return;
    }
    res.type('html').sendFile(page);
  };
}

/**
 * The Liaison console at `/console` (static assets built by Vite from `console/`), its
 * settings at `/console/settings.json`, and the GraphiQL IDE at `GET /graphql` for browsers
 * (development mode, or production with LIAISON_GRAPHIQL=true). The console has no back end
 * of its own: it calls `/graphql` like any client.
 */
export function consoleRoutes(config: Config, signInProviders: readonly SignInProvider[]): Router {
  const settings = consoleSettings(config, signInProviders);
  const router = express.Router();
  const csp = consoleCsp(settings);

  router.get('/console/settings.json', (_req, res) => {
    res.json(settings);
  });
  router.use('/console', csp, express.static(CONSOLE_DIST, { index: false, fallthrough: true, redirect: false }));
  router.get(['/console', '/console/'], csp, sendPage('index.html'));

  if (config.mode === 'development' || config.graphiql) {
    // Only a browser asking for a page gets the IDE; API clients' requests reach Apollo as
    // before. A plain middleware, not a GET route: a route would make the router answer
    // CORS preflights (OPTIONS) for /graphql itself.
    router.use((req, res, next) => {
      if (req.method !== 'GET' || req.path !== '/graphql' || req.accepts(['application/json', 'text/html']) !== 'text/html') {
        next();
        return;
      }
      csp(req, res, () => sendPage('graphiql.html')(req, res));
    });
  }
  return router;
}
