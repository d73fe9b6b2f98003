import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_ID_ATTRIBUTE } from '../../src/observability/tracing.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens } from '../support/gateway.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';

/**
 * OpenTelemetry, as deployed: the built gateway (`node dist/src/main.js`) with an OTLP
 * endpoint configured exports its spans over OTLP/HTTP (JSON) to a collector — here one in
 * this test process. A journey's trace holds the HTTP request span with the decision id the
 * caller received, the GraphQL execution and the PostgreSQL queries; no span carries a token,
 * a GraphQL argument value or SQL parameters.
 */

interface OtlpSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; attributes?: { key: string; value: Record<string, unknown> }[] }

let db: TestDatabase;
let collector: Server;
let gateway: GatewayProcess | undefined;
const spans: OtlpSpan[] = [];
const bodies: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  collector = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    req.on('end', () => {
      bodies.push(body);
      const request = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
      for (const resource of request.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  collector.listen(0, '127.0.0.1');
  await once(collector, 'listening');
  gateway = await startGatewayProcess(db.url, {
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}/v1/traces`,
    OTEL_BSP_SCHEDULE_DELAY: '200',
  });
});

afterAll(async () => {
  await gateway?.stop();
  collector?.closeAllConnections();
  collector?.close();
  await db?.drop();
});

const attribute = (span: OtlpSpan, key: string): unknown => {
  const value = span.attributes?.find((a) => a.key === key)?.value;
  return value ? Object.values(value)[0] : undefined;
};

describe('OpenTelemetry traces', () => {
  it('a journey is one trace: the HTTP request with its decision id, GraphQL, and the PostgreSQL queries', async () => {
    const res = await fetch(`${gateway!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${demoTokens.policeAnalyst()}`, 'liaison-purpose': 'COUNTER_TERRORISM' },
      body: JSON.stringify({ query: 'query Flags($n: Int) { riskFlags(first: $n) { edges { node { id category prisoner { fullName } } } } }', variables: { n: 3 } }),
    });
    expect(res.status).toBe(200);
    const decisionId = res.headers.get('liaison-decision-id');
    expect(decisionId).toMatch(/^[0-9a-f-]{36}$/);

    const deadline = Date.now() + 10_000;
    let request: OtlpSpan | undefined;
    while (!(request = spans.find((s) => attribute(s, DECISION_ID_ATTRIBUTE) === decisionId)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(request, `no span carries the decision id; spans: ${JSON.stringify(spans.map((s) => [s.name, s.attributes?.map((a) => a.key)]))}`).toBeDefined();
    expect(request!.parentSpanId ?? '').toBe('');
    expect(request!.name).toMatch(/POST/);
    // The rest of the request's spans arrive in the same or the next export.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const trace = spans.filter((s) => s.traceId === request!.traceId);
    const names = trace.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['graphql.parse', 'graphql.validate', 'query Flags', 'graphql.resolve riskFlags']));
    const queries = trace.filter((s) => attribute(s, 'db.system') === 'postgresql' || attribute(s, 'db.system.name') === 'postgresql');
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.some((s) => String(attribute(s, 'db.statement') ?? attribute(s, 'db.query.text')).includes('risk_flag'))).toBe(true);

    const exported = bodies.join('\n');
    expect(exported).not.toContain('Bearer');
    expect(exported).not.toMatch(/"n":3|"values"/);
  }, 30_000);
});
