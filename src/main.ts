/**
 * The gateway's entry point (`node dist/src/main.js`, `liaison serve`). Tracing starts first,
 * when configured: OpenTelemetry must patch the HTTP server, GraphQL and pg before any of
 * them is loaded, and a static import of the gateway would load them all before this module
 * runs — hence the dynamic imports, in this order.
 */
await import('./instrument.js');
await import('./run-gateway.js');
