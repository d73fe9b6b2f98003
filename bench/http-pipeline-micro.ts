import path from 'node:path';
import { processCpuMs } from './process-cpu.js';
import { openCluster, prepareDataSet } from './databases.js';
import { startGatewayProcess, type GatewayProcess } from './gateway-processes.js';
import { benchToken } from './issuer.js';

/**
 * The gateway's own per-request CPU around a POST /graphql that reads nothing (`{ __typename }`):
 * Express, the middlewares, node http, Apollo's request pipeline, the request context, the
 * metrics and the log — what every read pays before and after its resolvers. The gateway runs
 * in its own process in the allow-all baseline (no policy, no disclosure log) as
 * `bench/gateway-process.ts` composes it; this process is the client, sending requests one at
 * a time, and reads the gateway's CPU from /proc before and after each round (so the client's
 * share is not counted).
 *
 *   node dist/bench/http-pipeline-micro.js [--requests 3000] [--rounds 5] [--against <dist dir>[,<dist dir>…]] [--query <document>]
 *
 * `--query` sends another document, e.g. a page of records, to see costs that grow with the
 * work of a request (promises, allocations).
 * `--against` also starts the gateway of other builds (e.g. copies of `dist/` made before each
 * change) and alternates rounds between them, so that all see the same load on a shared
 * machine; the lowest round of each is the least disturbed.
 */
const option = (name: string, fallback: string): string =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1]! : fallback;
const requests = Number(option('--requests', '3000'));
const rounds = Number(option('--rounds', '5'));
const against = option('--against', '');
const WARMUP = 1_000;
const QUERY = option('--query', '{ __typename }');

const cluster = await openCluster();
const url = await prepareDataSet(cluster, { prisoners: 200, agencies: 4, mous: 3 }, false, 'liaison_http_pipeline');
const body = JSON.stringify({ query: QUERY });
const headers = {
  'content-type': 'application/json',
  authorization: `Bearer ${benchToken('PRISONS', ['SECURITY_OFFICER'], 'so-bench')}`,
  'liaison-purpose': 'PRISON_SECURITY',
};

async function send(gateway: GatewayProcess, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const response = await fetch(gateway.url, { method: 'POST', headers, body });
    const result = await response.json() as { errors?: unknown[] };
    if (response.status !== 200 || result.errors) throw new Error(`unexpected answer ${response.status}: ${JSON.stringify(result)}`);
  }
}

interface Subject { name: string; gateway: GatewayProcess; perRequest: number[] }

const subjects: Subject[] = [{ name: 'this build', gateway: await startGatewayProcess(url, 'baseline'), perRequest: [] }];
for (const build of against.split(',').filter(Boolean)) {
  const entry = path.resolve(build, 'bench', 'gateway-process.js');
  subjects.push({ name: build, gateway: await startGatewayProcess(url, 'baseline', entry), perRequest: [] });
}

try {
  for (const subject of subjects) await send(subject.gateway, WARMUP);
  for (let round = 0; round < rounds; round++) {
    for (const subject of subjects) {
      const before = processCpuMs(subject.gateway.pid);
      const started = performance.now();
      await send(subject.gateway, requests);
      const cpuMicros = ((processCpuMs(subject.gateway.pid) - before) * 1000) / requests;
      const wallMicros = ((performance.now() - started) * 1000) / requests;
      subject.perRequest.push(cpuMicros);
      console.log(`round ${round + 1} ${subject.name}: gateway CPU ${cpuMicros.toFixed(0)} µs/request, wall ${wallMicros.toFixed(0)} µs/request`);
    }
  }
  console.log(`${requests} sequential POSTs of ${QUERY} per round:`);
  for (const { name, perRequest } of subjects) {
    const sorted = [...perRequest].sort((a, b) => a - b);
    console.log(`  ${name}: gateway CPU per request min ${sorted[0]!.toFixed(0)} µs, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} µs over ${rounds} rounds`);
  }
} finally {
  for (const { gateway } of subjects) await gateway.stop();
  await cluster.stop();
}
