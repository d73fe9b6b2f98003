import pg from 'pg';
import { startRecordingGateway } from './recording-gateway.js';
import { scenarios } from './scenarios.js';

/**
 * Issue 13: statements per request and gateway time, S1–S3, through an in-process gateway
 * (policy on, log discarded — the log's own insert is group-committed on its own pool), plus
 * EXPLAIN (ANALYZE, BUFFERS) of each read statement. A short, sequential run (concurrency 1):
 * `node dist/bench/read-statements.js <database url> [requests]`.
 */

const url = process.argv[2] ?? process.env.DATABASE_URL!;
const requests = Number(process.argv[3] ?? 100);
const gateway = await startRecordingGateway(url, { LIAISON_RATE_LIMIT_PER_USER: '10000000', LIAISON_RATE_LIMIT_PER_AGENCY: '10000000' });
const { endpoint, recorder } = gateway;
const client = new pg.Client({ connectionString: url });
await client.connect();
const ids = (await client.query<{ id: string }>(`SELECT id FROM prisoner WHERE owner_agency_code = 'PRISONS' ORDER BY id LIMIT 200`)).rows.map((r) => r.id);
try {
  for (const scenario of scenarios(ids)) {
    const send = async (i: number) => {
      const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...scenario.headers }, body: scenario.body(i) });
      const body = await res.json() as { errors?: unknown[] };
      if (body.errors) throw new Error(`${scenario.id}: ${JSON.stringify(body.errors).slice(0, 300)}`);
    };
    for (let i = 0; i < 10; i++) await send(i); // warm-up (prepared statements, abilities)
    recorder.statements = [];
    await send(0);
    const perRequest = [...recorder.statements];
    const times: number[] = [];
    for (let i = 0; i < requests; i++) {
      const started = performance.now();
      await send(i);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const kinds = perRequest.map((s) => s.query.trim().split(/\s+/)[0]!.toUpperCase());
    console.log(`${scenario.id}: ${perRequest.length} statements per request (${kinds.join(', ')}); `
      + `c1 over ${requests} requests: p50 ${times[Math.floor(requests / 2)]!.toFixed(1)} ms, p99 ${times[Math.floor(requests * 0.99)]!.toFixed(1)} ms`);
    for (const { query, parameters } of perRequest.filter((s) => /^\s*SELECT/i.test(s.query))) {
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query}`, parameters);
      const plan = (rows[0] as { 'QUERY PLAN': [{ 'Execution Time': number; Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }] })['QUERY PLAN'][0];
      if (process.env.READ_PLAN === scenario.id) {
        const text = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${query}`, parameters);
        console.log(text.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
        console.log(`statement (${parameters.length} parameters): ${query}\nparameters: ${JSON.stringify(parameters)}`);
      }
      // What PostgreSQL does with the prepared statement once it has run it a few times: a
      // generic plan, reused (planned once per connection), or a custom plan at every execution.
      const name = `read_plan_${scenario.id.toLowerCase()}`;
      for (let i = 0; i < 8; i++) await client.query({ name, text: query, values: parameters });
      const started = performance.now();
      for (let i = 0; i < 50; i++) await client.query({ name, text: query, values: parameters });
      const perExecution = (performance.now() - started) / 50;
      const { rows: [plans] } = await client.query<{ generic_plans: string; custom_plans: string }>(
        'SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1', [name]);
      console.log(`  prepared statement, 58 executions: ${plans!.generic_plans} with the generic plan, ${plans!.custom_plans} planned again; `
        + `${perExecution.toFixed(2)} ms per execution (sequential, wire included)`);
      console.log(`  EXPLAIN ANALYZE: ${plan['Execution Time'].toFixed(2)} ms, buffers hit ${plan.Plan['Shared Hit Blocks']} read ${plan.Plan['Shared Read Blocks']}: ${query.replace(/\s+/g, ' ').slice(0, 90)}…`);
    }
  }
} finally {
  await client.end();
  await gateway.stop();
}
