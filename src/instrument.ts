import { startTracing, tracingConfigured, type Tracing } from './observability/tracing.js';

/**
 * Imported first by the gateway's entry point: OpenTelemetry must patch the HTTP server,
 * GraphQL and pg before they are loaded. Does nothing (loads nothing) unless an OTLP
 * endpoint is configured.
 */
export const tracing: Tracing | null = tracingConfigured() ? await startTracing() : null;
