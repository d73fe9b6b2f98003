import type { SpanExporter } from '@opentelemetry/sdk-trace-node';

/** The OpenTelemetry attribute naming a request's decision id (`Liaison-Decision-Id`). */
export const DECISION_ID_ATTRIBUTE = 'liaison.decision_id';

export interface Tracing {
  /** Exports what is still buffered and stops; call before the process exits. */
  shutdown(): Promise<void>;
}

/** Traces are exported only where an OTLP endpoint is configured (the standard OTel variables). */
export const tracingConfigured = (env: NodeJS.ProcessEnv = process.env): boolean =>
  Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT) && env.OTEL_SDK_DISABLED !== 'true';

/**
 * OpenTelemetry traces: a span per HTTP request (carrying the decision id), the GraphQL
 * parse, validation and execution under it, and every PostgreSQL query, exported over OTLP
 * (HTTP/JSON) to `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_EXPORTER_OTLP_ENDPOINT` —
 * or to `exporter`, given by tests. Nothing personal goes into a span: no GraphQL variables
 * or argument values, no SQL parameters, no request headers; the health and metrics
 * endpoints are not traced. Must run before the HTTP server, GraphQL and pg are loaded, so
 * that their modules are instrumented: `src/instrument.ts`, imported first by the entry point.
 */
export async function startTracing(options: { serviceName?: string; exporter?: SpanExporter } = {}): Promise<Tracing> {
  const [
    { NodeTracerProvider, BatchSpanProcessor, SimpleSpanProcessor },
    { OTLPTraceExporter },
    { resourceFromAttributes },
    { registerInstrumentations },
    { HttpInstrumentation },
    { GraphQLInstrumentation },
    { PgInstrumentation },
  ] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/instrumentation'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-graphql'),
    import('@opentelemetry/instrumentation-pg'),
  ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME ?? options.serviceName ?? 'liaison-gateway' }),
    spanProcessors: [options.exporter ? new SimpleSpanProcessor(options.exporter) : new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  const untraced = new Set(['/healthz', '/readyz', '/metrics']);
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => untraced.has((req.url ?? '').split('?')[0]!),
        // Outgoing calls are the identity providers' key sets: traced, without headers.
      }),
      new GraphQLInstrumentation({ allowValues: false, mergeItems: true, ignoreTrivialResolveSpans: true, depth: 2 }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
    ],
  });
  return { shutdown: () => provider.shutdown() };
}
