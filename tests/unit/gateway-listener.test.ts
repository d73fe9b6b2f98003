import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayListener, listenWith } from '../../src/http/api-route.js';

/**
 * The gateway's listener over real HTTP: POST /graphql reaches the API's chain on Node's own
 * request and response (never given Express's prototypes, whose per-request cost is why the
 * road exists), with Express's matching and error handling; everything else reaches the app.
 */
describe('the gateway listener', () => {
  let base: string;
  let close: () => Promise<void>;
  const seen: { expressRequest: boolean; path: string }[] = [];

  beforeAll(async () => {
    const locals: RequestHandler = (_req, res, next) => {
      res.locals ??= Object.create(null) as Record<string, unknown>;
      res.locals.marker = 'api';
      next();
    };
    const answer: RequestHandler = (req, res, next) => {
      seen.push({ expressRequest: typeof (req as { get?: unknown }).get === 'function', path: req.url });
      if (req.url.includes('fail')) {
        next(new Error('boom'));
        return;
      }
      if (req.url.includes('reject')) return Promise.reject(new Error('rejected')) as unknown as void;
      res.setHeader('content-type', 'text/plain');
      res.end(`api ${String(res.locals.marker)}`);
    };
    const onError: ErrorRequestHandler = (error: Error, _req, res, _next) => {
      res.statusCode = 500;
      res.end(`handled: ${error.message}`);
    };
    const app = express();
    app.post('/graphql', (_req, res) => res.send('express post'));
    app.get('/graphql', (_req, res) => res.send('express get'));
    app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
    app.options('/graphql', (_req, res) => res.status(204).end());
    app.use((_req, res) => res.status(404).send('express 404'));
    const server = listenWith(gatewayListener([locals, answer], onError, app), 0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  const post = (path: string) => fetch(`${base}${path}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });

  it('POST /graphql runs the API chain on Node request and response, not through Express', async () => {
    const response = await post('/graphql');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('api api');
    expect(seen.at(-1)).toEqual({ expressRequest: false, path: '/graphql' });
  });

  it('matches as Express does: a query string, a trailing slash, any case', async () => {
    for (const path of ['/graphql?x=1', '/graphql/', '/GraphQL']) {
      const response = await post(path);
      expect(await response.text(), path).toBe('api api');
    }
  });

  it('other methods and paths reach the Express app', async () => {
    expect(await (await fetch(`${base}/graphql`)).text()).toBe('express get');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    // A preflight is the app's to answer (its CORS policy), not the API router's automatic OPTIONS reply.
    expect((await fetch(`${base}/graphql`, { method: 'OPTIONS' })).status).toBe(204);
    const unknown = await post('/graphqlx');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('express 404');
  });

  it('an error passed on, or a rejected promise, reaches the error handler', async () => {
    const failed = await post('/graphql?fail');
    expect(failed.status).toBe(500);
    expect(await failed.text()).toBe('handled: boom');
    const rejected = await post('/graphql?reject');
    expect(rejected.status).toBe(500);
    expect(await rejected.text()).toBe('handled: rejected');
  });
});
