import { createHash, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import {
  BREAK, createSourceEventStream, execute, GraphQLError, Kind, parse, specifiedRules, validate, visit, type DocumentNode,
  type ExecutionArgs, type ExecutionResult, type GraphQLFieldResolver, type GraphQLFormattedError, type GraphQLSchema, type ParseOptions,
  type ValidationRule,
} from 'graphql';
import { CloseCode, type SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { AuditSink } from '../audit/audit-sink.js';
import type { RecordChangeSubscriptions } from '../alerts/subscriptions.js';
import type { NoticeSubscriptions } from '../notices/notice-subscriptions.js';
import { RequestContext } from '../context/request-context.js';
import type { GatewayRoot } from '../resolvers/gateway-root.js';
import { authenticateCaller, type ContextDeps } from './create-context.js';
import { SERVICE_UNAVAILABLE_MESSAGE } from './format-error.js';

/**
 * Subscriptions over WebSocket (graphql-ws, the protocol Apollo Client and urql speak) on
 * `/graphql` of the gateway's HTTP server.
 *
 * - **Authenticated at `connection_init`** with the connection parameters `Authorization`
 *   (`Bearer <jwt>`), `Liaison-Purpose` and `Liaison-Case-Reference` — verified by the same
 *   code as an HTTP request's headers (authenticateCaller). Refused: the socket closes (4403).
 *   The socket closes (4401) when the token expires.
 * - **Subscriptions only**: queries and mutations go over HTTP, where the response plugin
 *   logs them; over the socket they are refused at subscribe.
 * - **Each event is executed with a context of its own**: a new decision id and the caller's
 *   policy as it is *now* (revocation is immediate), so record fields are read and masked as a
 *   query would read them (src/alerts/event-records.ts), and the event's disclosure-log entry
 *   is written before the event is sent; if it cannot be written, the event carries no data.
 */

export interface SubscriptionEndpointDeps extends ContextDeps {
  schema: GraphQLSchema;
  /** The default field resolver of every operation (masking, redactions, what reached the response): as over HTTP. */
  fieldResolver: GraphQLFieldResolver<unknown, RequestContext>;
  auditSink: AuditSink;
  recordChanges: RecordChangeSubscriptions;
  notices: NoticeSubscriptions;
  validationRules: readonly ValidationRule[];
  parseOptions: ParseOptions;
  maxPayloadBytes: number;
  /** Subscriptions one connection may hold at once. */
  maxSubscriptionsPerConnection?: number;
  /** Formats each error as the HTTP path does (masking, no suggestions in production). */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

interface ConnectionState {
  caller: RequestContext;
  expiry: NodeJS.Timeout | undefined;
}

/** The root field and the event's own fields (RecordChange without its records): selecting only these reads nothing. */
const EVENT_FIELDS: ReadonlySet<string> = new Set([
  'recordChanges', 'id', 'type', 'change', 'subject', 'recordId', 'prisonerId', 'occurredAt', 'fields', '__typename',
]);

/** Close codes of the graphql-ws protocol's own range. */
const TOKEN_EXPIRED = { code: CloseCode.Unauthorized, reason: 'Token expired' };
/** setTimeout's largest delay. */
const MAX_TIMER_MS = 2_147_483_647;

/** Connection parameters, case-insensitively; only strings count. */
function parameter(params: Readonly<Record<string, unknown>> | undefined, name: string): string | undefined {
  if (!params) return undefined;
  for (const [key, value] of Object.entries(params)) if (key.toLowerCase() === name && typeof value === 'string') return value;
  return undefined;
}

const unavailable = (decisionId: string): GraphQLFormattedError => ({
  message: SERVICE_UNAVAILABLE_MESSAGE, extensions: { code: 'SERVICE_UNAVAILABLE', decisionId },
});

/** Maps a source stream one event at a time; `return()` reaches the source at once (an idle subscription ends immediately). */
function mapEvents<T, U>(source: AsyncIterator<T>, map: (value: T) => Promise<U>): AsyncIterableIterator<U> {
  const iterator: AsyncIterableIterator<U> = {
    async next() {
      const result = await source.next();
      if (result.done) return { value: undefined, done: true };
      return { value: await map(result.value), done: false };
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** Whether the operation's root selects only `noticeIssued` (a Notice names ids; it has no record to read or log). */
function selectsNoticesOnly(document: DocumentNode): boolean {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return !!operation && operation.selectionSet.selections.length > 0
    && operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && (s.name.value === 'noticeIssued' || s.name.value === '__typename'));
}

/**
 * Whether a document may read a record: it selects any field (anywhere, fragments included)
 * beyond the event's own. Then each event is executed as a read of its own, and logged.
 */
function readsRecords(document: DocumentNode): boolean {
  if (selectsNoticesOnly(document)) return false;
  let found = false;
  visit(document, {
    Field(node) {
      if (!EVENT_FIELDS.has(node.name.value)) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

export interface SubscriptionEndpoint {
  attach(http: Server): void;
  /** Open WebSocket connections. */
  readonly connections: number;
  close(): Promise<void>;
}

export function subscriptionEndpoint(deps: SubscriptionEndpointDeps): SubscriptionEndpoint {
  const root: GatewayRoot = { disclosureLog: null, recordChanges: deps.recordChanges, notices: deps.notices };
  const servers: WebSocketServer[] = [];
  const disposers: (() => Promise<void> | void)[] = [];

  /** A context for one event: the same caller, a new decision id, the policy of now. */
  async function eventContext(caller: RequestContext): Promise<RequestContext> {
    const { principal, purpose, caseReference } = caller;
    const [policy, snapshot] = await Promise.all([
      deps.policyStore.policyFor({ agencyCode: principal.agencyCode, roles: principal.roles, purpose, hasCaseReference: caseReference !== null }),
      deps.policyStore.current(),
    ]);
    const decisionId = randomUUID();
    return new RequestContext(decisionId, principal, purpose, caseReference, policy, snapshot, caller.dataSource,
      deps.log.child({ decisionId, agency: principal.agencyCode, subscription: true }), new Date());
  }

  const format = (error: GraphQLError): GraphQLFormattedError => deps.formatError(error.toJSON(), error);

  /** The operation's source stream, each event executed under its own context and logged before it is sent. */
  async function subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const caller = args.contextValue as RequestContext;
    const source = await createSourceEventStream({ ...args, rootValue: root });
    if (!(Symbol.asyncIterator in source)) return source;
    const events = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    if (!readsRecords(args.document)) {
      // Minimal events (ids, kind, time): nothing is read from any record, so nothing to log;
      // the event itself was decided with the caller's current policy by the dispatcher.
      return mapEvents(events, async (payload) => execute({ ...args, rootValue: payload }) as ExecutionResult);
    }
    const documentHash = createHash('sha256').update((args as { source?: string }).source ?? '').digest('hex');
    return mapEvents(events, async (payload): Promise<ExecutionResult> => {
      let ctx: RequestContext;
      try {
        ctx = await eventContext(caller);
      } catch (error) {
        caller.log.error({ err: (error as Error).message }, 'subscription event: policy unavailable; event withheld');
        return { errors: [new GraphQLError(SERVICE_UNAVAILABLE_MESSAGE, { extensions: unavailable(caller.decisionId).extensions })] };
      }
      const result = await execute({ ...args, rootValue: payload, contextValue: ctx });
      const errorCodes = (result.errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
      try {
        await deps.auditSink.record(ctx, ctx.disclosures, { operationName: args.operationName ?? null, documentHash, errorCodes, searchTerms: [] });
      } catch (error) {
        ctx.log.error({ err: error as Error }, 'audit entry could not be written: subscription event withheld');
        return { errors: [new GraphQLError(SERVICE_UNAVAILABLE_MESSAGE, { extensions: unavailable(ctx.decisionId).extensions })] };
      }
      return {
        ...result,
        extensions: { ...result.extensions, liaison: { decisionId: ctx.decisionId, purpose: ctx.purpose, redactions: result.data ? ctx.disclosures.redactions : [] } },
      };
    });
  }

  function attach(http: Server): void {
    const wss = new WebSocketServer({ server: http, path: '/graphql', maxPayload: deps.maxPayloadBytes });
    servers.push(wss);
    const disposable = useServer<Record<string, unknown>, { state?: ConnectionState }>({
      schema: deps.schema,
      connectionInitWaitTimeout: 5_000,
      onConnect: async (ctx) => {
        try {
          const { context, expiresAt } = await authenticateCaller(deps, {
            authorization: parameter(ctx.connectionParams, 'authorization'),
            purpose: parameter(ctx.connectionParams, 'liaison-purpose'),
            caseReference: parameter(ctx.connectionParams, 'liaison-case-reference'),
          }, randomUUID());
          const socket = ctx.extra.socket;
          const delay = Math.min(Math.max(expiresAt.getTime() - Date.now(), 0), MAX_TIMER_MS);
          const expiry = setTimeout(() => {
            context.log.info({ userId: context.principal.userId }, 'subscription connection closed: token expired');
            socket.close(TOKEN_EXPIRED.code, TOKEN_EXPIRED.reason);
          }, delay);
          expiry.unref();
          const state = { caller: context, expiry };
          ctx.extra.state = state;
          context.log.info({ userId: context.principal.userId, purpose: context.purpose }, 'subscription connection authenticated');
          return true;
        } catch {
          return false; // refused: authenticateCaller has logged why; the socket closes with 4403
        }
      },
      onClose: (ctx) => {
        const state = ctx.extra.state;
        if (state?.expiry) clearTimeout(state.expiry);
      },
      onSubscribe: (ctx, _id, payload: SubscribePayload) => {
        const state = ctx.extra.state;
        if (!state) return [new GraphQLError('Not authenticated', { extensions: { code: 'UNAUTHENTICATED' } })];
        if (Object.keys(ctx.subscriptions).length >= (deps.maxSubscriptionsPerConnection ?? 20)) {
          return [new GraphQLError('Too many subscriptions on this connection', { extensions: { code: 'RATE_LIMITED' } })];
        }
        let document;
        try {
          document = parse(payload.query, deps.parseOptions);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('Syntax error')];
        }
        const errors = validate(deps.schema, document, [...specifiedRules, ...deps.validationRules]);
        if (errors.length > 0) return errors;
        const operations = document.definitions.filter((d) => d.kind === 'OperationDefinition');
        if (operations.length !== 1 || operations[0]!.operation !== 'subscription') {
          return [new GraphQLError('Only one subscription operation per message over WebSocket; send queries and mutations over HTTP', { extensions: { code: 'BAD_USER_INPUT' } })];
        }
        return {
          schema: deps.schema,
          document,
          operationName: payload.operationName ?? undefined,
          variableValues: payload.variables ?? undefined,
          contextValue: state.caller,
          rootValue: root,
          fieldResolver: deps.fieldResolver as GraphQLFieldResolver<unknown, unknown>,
          source: payload.query,
        } as ExecutionArgs;
      },
      subscribe: (args) => subscribe(args),
      onNext: (_ctx, _id, _payload, _args, result) => ({
        ...result,
        errors: result.errors?.map((error) => (error instanceof GraphQLError ? format(error) : error)),
      }),
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => format(error)),
    }, wss);
    disposers.push(() => disposable.dispose());
  }

  return {
    attach,
    get connections() {
      return servers.reduce((n, s) => n + s.clients.size, 0);
    },
    async close() {
      const closing = disposers.splice(0);
      for (const dispose of closing) await dispose();
      await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
