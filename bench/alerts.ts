import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { ALERT_BENCH_HOOKS } from './alerts-hooks.js';
import { openCluster, prepareDataSet } from './databases.js';
import { startGatewayProcess } from './gateway-processes.js';
import { benchToken } from './issuer.js';

/**
 * `npm run bench:alerts [-- --seconds 60 --subscribers 1000 --rate 100]` — record-change
 * subscriptions under load.
 *
 * One gateway process (production mode, disclosure log on) on a seeded demo data set; 1,000
 * graphql-ws subscribers over real WebSockets, spread across 4 agencies (prison case managers,
 * police analysts, probation officers with a case reference, inspectorate auditors), each
 * with one `recordChanges` subscription — watching one of 200 prisoners (`prisonerId` filter,
 * a caseload of one: every prisoner is watched by about five subscribers, one or two per
 * agency), or, for the first `--broad` subscribers, everything they may see; an owner writing
 * `--rate` record changes per second
 * through the API (risk flags of prisoners of concern and due for release, upserted in batches
 * every 100 ms) for `--seconds`. Prints p50/p99 from commit to delivery (commit: when the
 * writing transaction's NOTIFY reaches a listener of the benchmark; delivery: when the event
 * reaches the subscriber's socket),
 * deliveries per second, and the gateway's memory per subscriber (RSS with the subscribers
 * connected, minus before, divided by their number). Hooks in bench/alerts-hooks.ts add
 * measurements over the same load (webhook deliveries per second).
 */

const argument = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : Number(process.env[`LIAISON_BENCH_ALERTS_${name.toUpperCase()}`] ?? fallback);
};
const SECONDS = argument('seconds', 60);
const SUBSCRIBERS = argument('subscribers', 1_000);
const RATE = argument('rate', 100);
const TICK_MS = 100;
const WRITERS = 4;
const PRISONERS = argument('prisoners', 2_000);

const SUBSCRIBER_KINDS = [
  { agency: 'PRISONS', roles: ['CASE_MANAGER'], purpose: 'PRISON_SECURITY' },
  { agency: 'POLICE', roles: ['ANALYST'], purpose: 'COUNTER_TERRORISM' },
  { agency: 'PROBATION', roles: ['PROBATION_OFFICER'], purpose: 'SUPERVISION', caseReference: 'CASE-BENCH-1' },
  { agency: 'INSPECTORATE', roles: ['AUDITOR'], purpose: 'OVERSIGHT' },
] as const;

const SUBSCRIPTION = 'subscription($filter: RecordChangeFilter) { recordChanges(filter: $filter) { id type occurredAt } }';
/** Subscribers with no filter (every change they may see); the others watch one prisoner each (a caseload of one). */
const BROAD = argument('broad', 0);
const positionOf = (id: string): number => Number(id.slice('evt_'.length));
const UPSERT = 'mutation($records: [RiskFlagInput!]!) { upsertRiskFlags(records: $records) { created updated unchanged rejected } }';
const SEVERITIES = ['LOW', 'MODERATE', 'HIGH', 'VERY_HIGH'];

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(): Promise<void> {
  console.log(`bench:alerts — ${SUBSCRIBERS} subscribers across ${SUBSCRIBER_KINDS.length} agencies (${BROAD} unfiltered, the others one prisoner each), ${RATE} record changes/s for ${SECONDS} s`);
  const cluster = await openCluster();
  let gateway: Awaited<ReturnType<typeof startGatewayProcess>> | undefined;
  const clients: Client[] = [];
  try {
    console.log(`cluster: ${cluster.describe}`);
    const url = await prepareDataSet(cluster, { prisoners: PRISONERS, agencies: 4, mous: 3 }, process.argv.includes('--fresh'), 'liaison_alerts_bench');
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    // Prisoners whose flags reach several agencies: of terrorism concern (police) and due for release (probation).
    const { rows: prisoners } = await db.query<{ id: string; external_id: string }>(
      `SELECT id, external_id FROM prisoner WHERE owner_agency_code = 'PRISONS' AND tlp IN ('CLEAR','GREEN','AMBER')
         AND (vep_status IN ('TERRORISM_CONVICTION','TERRORISM_CONNECTED','ASSESSED_VEP') OR expected_release_date BETWEEN current_date AND current_date + 170)
       ORDER BY external_id LIMIT 200`,
    );
    // Commit times: every writing transaction NOTIFYs liaison_changes on commit with the highest
    // position it wrote; the first notification at or above an event's position is its commit.
    const commits: { position: number; at: number }[] = [];
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    listener.on('notification', (message) => commits.push({ position: Number(message.payload), at: Date.now() }));
    await listener.query('LISTEN liaison_changes');
    await db.end();
    const committedAt = (position: number): number | undefined => {
      let lo = 0;
      let hi = commits.length - 1;
      let found: number | undefined;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (commits[mid]!.position >= position) {
          found = commits[mid]!.at;
          hi = mid - 1;
        } else lo = mid + 1;
      }
      return found;
    };

    gateway = await startGatewayProcess(url, 'policy');
    const wsUrl = gateway.url.replace(/^http/, 'ws');
    const latencies: number[] = [];
    const received: { position: number; at: number }[] = [];
    let deliveries = 0;
    let errors = 0;
    let measuring = false;

    const hooks = ALERT_BENCH_HOOKS;
    for (const hook of hooks) {
      await hook.start({ graphqlUrl: gateway.url, databaseUrl: url, token: benchToken, durationSeconds: SECONDS });
    }

    await sleep(500);
    const rssBefore = gateway.rssMiB();
    const connecting: Promise<void>[] = [];
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const kind = SUBSCRIBER_KINDS[i % SUBSCRIBER_KINDS.length]!;
      const params: Record<string, string> = {
        Authorization: `Bearer ${benchToken(kind.agency, [...kind.roles], `bench-sub-${i}`)}`, 'Liaison-Purpose': kind.purpose,
      };
      if ('caseReference' in kind) params['Liaison-Case-Reference'] = kind.caseReference;
      connecting.push(new Promise<void>((resolve) => {
        const client = createClient({
          url: wsUrl, webSocketImpl: WebSocket, connectionParams: params, retryAttempts: 0, lazy: true,
          on: { connected: () => resolve(), closed: () => resolve() },
        });
        clients.push(client);
        const filter = i < BROAD ? null : { prisonerId: prisoners[Math.floor(i / SUBSCRIBER_KINDS.length) % prisoners.length]!.id };
        client.subscribe<{ recordChanges: { id: string } }>({ query: SUBSCRIPTION, variables: { filter } }, {
          next: (message) => {
            if (!measuring) return;
            const id = message.data?.recordChanges?.id;
            if (!id) {
              errors++;
              return;
            }
            deliveries++;
            received.push({ position: positionOf(id), at: Date.now() });
          },
          error: () => { errors++; },
          complete: () => undefined,
        });
      }));
      if (i % 50 === 49) await sleep(20); // do not open 1,000 sockets in one burst
    }
    await Promise.all(connecting);
    await sleep(2_000); // every subscription registered
    const rssAfter = gateway.rssMiB();

    // The load: `RATE` changes per second, in batches every 100 ms, rotating over the prisoners' flags.
    const writer = benchToken('PRISONS', ['SECURITY_OFFICER'], 'bench-writer');
    const perTick = Math.max(1, Math.round((RATE * TICK_MS) / 1000));
    let written = 0;
    let failedWrites = 0;
    let tick = 0;
    const upsert = async (records: unknown[]): Promise<void> => {
      const response = await fetch(gateway!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${writer}` },
        body: JSON.stringify({ query: UPSERT, variables: { records } }),
      });
      const body = await response.json() as { errors?: unknown };
      if (body.errors) {
        failedWrites++;
        if (failedWrites === 1) console.log(`write refused: ${JSON.stringify(body.errors).slice(0, 300)}`);
      }
    };
    const batch = (n: number) => Array.from({ length: perTick }, (_, j) => {
      const k = (n * perTick + j) % (prisoners.length * 2);
      return {
        externalId: `BENCH-ALERT-${k}`, prisonerExternalId: prisoners[k % prisoners.length]!.external_id, category: 'VIOLENCE',
        severity: SEVERITIES[n % SEVERITIES.length], summary: `bench change ${n}`, raisedAt: '2026-06-01T00:00:00.000Z',
      };
    });
    // Create the flags first (not measured), so the measured changes are updates and creations alike reach subscribers.
    for (let n = 0; n < Math.ceil((prisoners.length * 2) / perTick); n++) await upsert(batch(n));
    await sleep(2_000);

    measuring = true;
    const started = Date.now();
    // One batch every 100 ms, at most WRITERS in flight (as several clerks or systems would write);
    // behind schedule, the next batch goes as soon as a writer is free (the rate achieved is reported).
    const inFlight = new Set<Promise<void>>();
    while (Date.now() - started < SECONDS * 1000) {
      const due = started + tick * TICK_MS;
      if (due > Date.now()) await sleep(due - Date.now());
      if (inFlight.size >= WRITERS) await Promise.race(inFlight);
      const write: Promise<void> = upsert(batch(tick)).then(() => { written += perTick; }).finally(() => inFlight.delete(write));
      inFlight.add(write);
      tick++;
    }
    await Promise.all(inFlight);
    const writing = (Date.now() - started) / 1000;
    await sleep(3_000); // the last deliveries
    measuring = false;
    const elapsed = (Date.now() - started) / 1000;
    await listener.end();

    for (const { position, at } of received) {
      const commit = committedAt(position);
      if (commit !== undefined) latencies.push(at - commit);
    }
    latencies.sort((a, b) => a - b);
    console.log('');
    console.log(`record changes written: ${written} in ${writing.toFixed(1)} s (${(written / writing).toFixed(1)}/s)${failedWrites ? `, ${failedWrites} batches refused` : ''}`);
    console.log(`deliveries: ${deliveries} (${(deliveries / elapsed).toFixed(0)}/s, ${(deliveries / Math.max(written, 1)).toFixed(1)} per change)${errors ? `, ${errors} errors` : ''}`);
    console.log(`commit → delivery (${latencies.length} deliveries): p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1) ?? Number.NaN} ms (target p99 ≤ 500 ms)`);
    console.log(`gateway memory: ${rssBefore.toFixed(0)} MiB before, ${rssAfter.toFixed(0)} MiB with ${SUBSCRIBERS} subscribers → ${(((rssAfter - rssBefore) * 1024) / SUBSCRIBERS).toFixed(1)} KiB per subscriber; peak ${gateway.peakRssMiB()} MiB`);
    for (const hook of hooks) for (const line of await hook.report()) console.log(`${hook.name}: ${line}`);
    for (const hook of hooks) await hook.stop();
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    await gateway?.stop();
    await cluster.stop();
  }
}

run().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
