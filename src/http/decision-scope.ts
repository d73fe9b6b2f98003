import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The decision id of the HTTP request being handled, for code that has no request context
 * at hand — notably Apollo's `formatError`, which also formats errors raised before the
 * GraphQL context exists (a malformed body, a bad `variables` field). Every error the
 * client sees then names the id under which the operator finds the request in the logs.
 */
const scope = new AsyncLocalStorage<string>();

export const runWithDecisionId = <T>(decisionId: string, run: () => T): T => scope.run(decisionId, run);

export const currentDecisionId = (): string | undefined => scope.getStore();
