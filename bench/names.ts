import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openCluster, prepareDataSet } from './databases.js';
import { startGatewayProcess } from './gateway-processes.js';
import { benchToken } from './issuer.js';
import { EVAL_SET_FILE, type EvalQuery } from './names-eval-generate.js';
import { shiftedDate } from './names-dates.js';

/**
 * `npm run bench:names` — person search quality and latency at 50,000 prisoners.
 *
 * Seeds (once; `--fresh` reseeds) a 50,000-prisoner demo data set as `liaison seed
 * --prisoners 50000` does, in its own database (`liaison_names_bench_…`), starts a gateway
 * process in production mode (disclosure log on), and runs the committed labelled evaluation
 * set (bench/names-eval-set.json) through `personSearch` over HTTP as a prison security
 * officer (who may see every prisoner): recall@10 and precision@1 over the queries that
 * have a target, the false-match rate over those that should find nobody (any candidate
 * returned is a false match), per category; then latency p50/p99 with 1 and 16 requests in
 * flight. Targets: recall@10 ≥ 0.95, precision@1 ≥ 0.90, p50 ≤ 20 ms, p99 ≤ 100 ms at 1.
 */

const fresh = process.argv.includes('--fresh');
/** `--misses`: print each query whose target was not first, or that found someone it should not. */
const showMisses = process.argv.includes('--misses');
/** `--slowest N`: print the N slowest queries at concurrency 1, with their time (for profiling the tail). */
const slowestShown = process.argv.includes('--slowest') ? Number(process.argv[process.argv.indexOf('--slowest') + 1]) : 0;
const QUERY = `query($input: PersonSearchInput!) { personSearch(input: $input, first: 10) { edges { node { id } match { score } } } }`;
/** A candidate at least this strong is a false match when the query should find nobody (weaker ones are reported too). */
const STRONG = 0.8;

interface EvalFile { prisoners: number; queries: EvalQuery[] }

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function run(): Promise<void> {
  const evalSet = JSON.parse(readFileSync(EVAL_SET_FILE, 'utf8')) as EvalFile;
  const cluster = await openCluster();
  let gateway: Awaited<ReturnType<typeof startGatewayProcess>> | undefined;
  try {
    console.log(`cluster: ${cluster.describe}`);
    const url = await prepareDataSet(cluster, { prisoners: evalSet.prisoners, agencies: 4, mous: 3 }, fresh, 'liaison_names_bench');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const ids = evalSet.queries.flatMap((q) => (q.dob ? [q.dob.of] : []));
    const { rows } = await client.query<{ id: string; dob: string }>(`SELECT id, date_of_birth::text AS dob FROM prisoner WHERE id = ANY($1::uuid[])`, [ids]);
    const { rows: [keys] } = await client.query<{ n: string }>('SELECT count(*) AS n FROM prisoner_name_key');
    await client.end();
    console.log(`name variants keyed: ${keys?.n}`);
    const dobs = new Map(rows.map((r) => [r.id, r.dob]));
    const inputs = evalSet.queries.map((q) => ({
      query: q,
      input: { name: q.name, ...(q.dob ? { dateOfBirth: shiftedDate(dobs.get(q.dob.of)!, q.dob.shift) } : {}) },
    }));

    gateway = await startGatewayProcess(url, 'policy');
    const token = benchToken('PRISONS', ['SECURITY_OFFICER'], 'bench-names');
    const search = async (input: Record<string, string>): Promise<{ ms: number; ids: string[]; scores: number[]; failed?: string }> => {
      const started = performance.now();
      const response = await fetch(gateway!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'liaison-purpose': 'PRISON_SECURITY' },
        body: JSON.stringify({ query: QUERY, variables: { input } }),
      });
      const body = await response.json() as { data?: { personSearch: { edges: { node: { id: string }; match: { score: number } }[] } }; errors?: unknown[] };
      const ms = performance.now() - started;
      if (!body.data) return { ms, ids: [], scores: [], failed: `${response.status} ${JSON.stringify(body.errors)}` };
      return { ms, ids: body.data.personSearch.edges.map((e) => e.node.id), scores: body.data.personSearch.edges.map((e) => e.match.score) };
    };

    for (const { input } of inputs.slice(0, 40)) await search(input); // warm-up

    const byCategory = new Map<string, { n: number; recall10: number; precision1: number; falseMatch: number; strongFalseMatch: number }>();
    const latencies1: number[] = [];
    const timed1: { ms: number; category: string; input: Record<string, string> }[] = [];
    let failed1 = 0;
    for (const { query, input } of inputs) {
      const { ms, ids: found, scores, failed } = await search(input);
      if (failed) { failed1++; console.log(`query ${query.id} failed: ${failed}`); }
      latencies1.push(ms);
      timed1.push({ ms, category: query.category, input });
      let stats = byCategory.get(query.category);
      if (!stats) byCategory.set(query.category, stats = { n: 0, recall10: 0, precision1: 0, falseMatch: 0, strongFalseMatch: 0 });
      stats.n++;
      if (query.target) {
        if (found.slice(0, 10).includes(query.target)) stats.recall10++;
        if (found[0] === query.target) stats.precision1++;
        else if (showMisses) console.log(`miss ${query.category} #${query.id} "${query.name}" ${JSON.stringify(input.dateOfBirth ?? null)}: target at ${found.indexOf(query.target)}`);
      } else if (found.length > 0) {
        stats.falseMatch++;
        if ((scores[0] ?? 0) >= STRONG) stats.strongFalseMatch++;
        if (showMisses) console.log(`false match ${query.category} #${query.id} "${query.name}": ${found.length} candidates`);
      }
    }

    const latencies16: number[] = [];
    const failures16 = new Map<string, number>();
    let next = 0;
    const started16 = performance.now();
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < inputs.length) {
        const { input } = inputs[next++]!;
        const result = await search(input);
        latencies16.push(result.ms);
        if (result.failed) failures16.set(result.failed.slice(0, 60), (failures16.get(result.failed.slice(0, 60)) ?? 0) + 1);
      }
    }));
    const seconds16 = (performance.now() - started16) / 1000;

    console.log(`\ncategory                 queries  recall@10  precision@1  false matches (any candidate / one scoring ≥ ${STRONG})`);
    let positives = 0; let recall = 0; let precision = 0; let negatives = 0; let falseMatches = 0; let strongFalseMatches = 0;
    for (const [category, s] of byCategory) {
      const isNegative = category.startsWith('NON_MATCHING');
      console.log(`${category.padEnd(24)} ${String(s.n).padStart(7)}  ${isNegative ? '      -  ' : (s.recall10 / s.n).toFixed(3).padStart(9)}  ${isNegative ? '        -  ' : (s.precision1 / s.n).toFixed(3).padStart(11)}  ${isNegative ? `${s.falseMatch} / ${s.strongFalseMatch}`.padStart(13) : '            -'}`);
      if (isNegative) { negatives += s.n; falseMatches += s.falseMatch; strongFalseMatches += s.strongFalseMatch; } else { positives += s.n; recall += s.recall10; precision += s.precision1; }
    }
    if (slowestShown > 0) {
      console.log(`\nslowest ${slowestShown} at concurrency 1:`);
      for (const t of timed1.sort((a, b) => b.ms - a.ms).slice(0, slowestShown)) {
        console.log(`${t.ms.toFixed(1).padStart(8)} ms  ${t.category.padEnd(24)} "${t.input.name}"${t.input.dateOfBirth ? ` ${t.input.dateOfBirth}` : ''}`);
      }
    }
    latencies1.sort((a, b) => a - b);
    latencies16.sort((a, b) => a - b);
    const summary = {
      queries: inputs.length,
      recallAt10: recall / positives,
      precisionAt1: precision / positives,
      falseMatchRate: falseMatches / negatives,
      strongFalseMatchRate: strongFalseMatches / negatives,
      concurrency1: { p50: percentile(latencies1, 50), p99: percentile(latencies1, 99) },
      concurrency16: { p50: percentile(latencies16, 50), p99: percentile(latencies16, 99), perSecond: inputs.length / seconds16 },
      failed: { concurrency1: failed1, concurrency16: [...failures16.values()].reduce((a, b) => a + b, 0) },
    };
    console.log(`\nrecall@10 ${summary.recallAt10.toFixed(3)} (target ≥ 0.95) · precision@1 ${summary.precisionAt1.toFixed(3)} (target ≥ 0.90) · false-match rate ${summary.falseMatchRate.toFixed(3)} (${falseMatches}/${negatives} return a candidate; ${strongFalseMatches} one scoring ≥ ${STRONG})`);
    console.log(`latency, 1 in flight:  p50 ${summary.concurrency1.p50.toFixed(1)} ms (target ≤ 20), p99 ${summary.concurrency1.p99.toFixed(1)} ms (target ≤ 100)`);
    console.log(`latency, 16 in flight: p50 ${summary.concurrency16.p50.toFixed(1)} ms, p99 ${summary.concurrency16.p99.toFixed(1)} ms, ${summary.concurrency16.perSecond.toFixed(0)} searches/s`);
    for (const [failure, n] of failures16) console.log(`  16 in flight: ${n} × ${failure}`);
    console.log(JSON.stringify(summary));
  } finally {
    await gateway?.stop();
    await cluster.stop();
  }
}

await run();
