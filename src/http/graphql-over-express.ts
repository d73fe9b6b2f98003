import { HeaderMap, type ApolloServer, type BaseContext, type ContextFunction } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import type { FormattedExecutionResult } from 'graphql';
import { withDecisionId } from './decision-id-on-errors.js';
import { sendBody } from './http-errors.js';

/**
 * Apollo Server behind Express: what `@as-integrations/express5`'s `expressMiddleware` does
 * (same request, same response), plus the decision id on the errors Apollo answers outside
 * its request pipeline — CSRF prevention, a malformed request, a response replaced by a plugin
 * — whose formatting has no request at hand. Those are the error responses (4xx/5xx), rare on
 * the hot path: only they are re-read. Successful answers are sent as Apollo wrote them.
 * Only Node's request and response are used (and `res.locals`, `req.body`): POST /graphql
 * reaches it without passing through Express (src/http/api-route.ts).
 */
export function graphqlOverExpress<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: ContextFunction<[{ req: Request; res: Response }], TContext>,
): RequestHandler {
  server.assertStarted('graphqlOverExpress()');
  return async (req, res) => {
    if (!('body' in req)) {
      sendBody(res, 500, '`req.body` is not set; this probably means you forgot to set up the `json` middleware before the Apollo Server middleware.', 'text/plain; charset=utf-8');
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: searchOf(req.url), body: req.body },
      context: () => context({ req, res }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    const status = response.status || 200;
    if (response.body.kind === 'complete') {
      const body = status >= 400 ? namingDecisionId(response.body.string, res.locals.decisionId as string) : response.body.string;
      sendBody(res, status, body, 'application/json; charset=utf-8');
      return;
    }
    res.statusCode = status;
    for await (const chunk of response.body.asyncIterator) {
      res.write(chunk);
      if (typeof (res as { flush?: () => void }).flush === 'function') (res as unknown as { flush: () => void }).flush();
    }
    res.end();
  };
}

/** The query string of a request target, `?` included (as `url.parse(target).search`, without its cost). */
function searchOf(target: string): string {
  const query = target.indexOf('?');
  if (query === -1) return '';
  const fragment = target.indexOf('#', query);
  return fragment === -1 ? target.slice(query) : target.slice(query, fragment);
}

/** An error response's JSON with the decision id on every error that does not name one yet (as Apollo writes it: JSON and a newline). */
function namingDecisionId(body: string, decisionId: string): string {
  let result: FormattedExecutionResult;
  try {
    result = JSON.parse(body) as FormattedExecutionResult;
  } catch {
    return body;
  }
  if (!Array.isArray(result.errors) || result.errors.every((error) => typeof error.extensions?.decisionId === 'string')) return body;
  return `${JSON.stringify({ ...result, errors: result.errors.map((error) => withDecisionId(error, decisionId)) })}\n`;
}
