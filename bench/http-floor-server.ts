import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { scenarioPrisonerIds, scenarios } from './scenarios.js';

/**
 * The least an HTTP server in front of the database can do, for bench/http-floor.ts: each POST
 * runs a scenario's SQL floor (its i-th values, `{"i": n}` in the body) on a pool of connections
 * and answers its rows as JSON — no GraphQL, no policy, no log, no authentication. Prints one
 * JSON line `{ "port": … }` when it listens.
 *
 *   DATABASE_URL=… node dist/bench/http-floor-server.js --scenario S1
 */
const scenarioId = process.argv[process.argv.indexOf('--scenario') + 1];
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 16 });
const ids = await scenarioPrisonerIds(pool);
const scenario = scenarios(ids).find((s) => s.id === scenarioId);
if (!scenario) throw new Error(`no scenario ${scenarioId}`);
const { floor } = scenario;

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const { i } = JSON.parse(Buffer.concat(chunks).toString()) as { i: number };
    pool.query(floor.text, floor.values(i)).then(({ rows }) => {
      const body = JSON.stringify({ data: rows });
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    }, (error: Error) => response.writeHead(500).end(error.message));
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void pool.end().then(() => process.exit(0)));
});
