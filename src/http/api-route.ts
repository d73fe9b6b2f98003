import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { ErrorRequestHandler, Express, RequestHandler } from 'express';
import Router from 'router';

/**
 * The gateway's request listener: `POST /graphql` runs its chain of middlewares straight from
 * Node's HTTP server, on `router` (the routing package inside Express: the same matching, the
 * same error handling, a rejected promise passed on as an error); every other request goes to
 * the Express app (the console, health, metrics, the other methods on /graphql).
 *
 * Why not through Express: Express's `app.handle` gives every request and every response a new
 * prototype (`Object.setPrototypeOf`, for `req.get()`, `res.json()`…), and V8 keeps such an
 * object's young garbage alive through the next young-generation collections. Measured with
 * `--trace-gc-nvp`, one keep-alive client: a bare Express app left 16 MB surviving each
 * collection (10 MB promoted, 20 ms pauses); the same handler under `router` alone, 0 MB and
 * 0.35 ms. Behind the gateway's `{ __typename }` that was 6.6 MB surviving per collection,
 * collected 4 times a second under load — whatever the query.
 *
 * So the API's middlewares use Node's request and response only (plus `res.locals` and
 * `req.body`, set here and by the JSON parser): an Express method called on this road would
 * throw, and every API test goes through it.
 */
export function gatewayListener(apiChain: readonly RequestHandler[], onError: ErrorRequestHandler, app: Express): RequestListener {
  // Express's routing defaults: case-insensitive, a trailing slash allowed.
  const api = new Router({ caseSensitive: false, strict: false });
  api.post('/graphql', ...(apiChain as unknown as [Router.RequestHandler, ...Router.RequestHandler[]]));
  api.use(onError as unknown as Router.ErrorRequestHandler);
  return (req: IncomingMessage, res: ServerResponse) => {
    // Only a POST may be the API's: the router would answer an OPTIONS on /graphql itself
    // ("Allow: POST"), where the app's CORS policy must answer the preflight.
    if (req.method !== 'POST') {
      app(req, res);
      return;
    }
    api(req, res, (error?: unknown) => {
      if (error === undefined || error === null || error === 'router' || error === 'route') {
        app(req, res);
        return;
      }
      // Only an error the error handler could not answer gets here (the response had begun,
      // as Express's final handler does): the connection is closed, the client sees it cut.
      req.socket.destroy();
    });
  };
}

/** An HTTP server on `listener`, listening on `port` and `host` (as Express's `app.listen`). */
export function listenWith(listener: RequestListener, port: number, host: string): Server {
  return createServer(listener).listen(port, host);
}
