import { Bench } from 'tinybench';
import { AbilityCache } from '../src/policies/ability-cache.js';
import { buildPolicy } from '../src/policies/build-policy.js';
import { CompiledPolicy } from '../src/policies/compiled-policy.js';
import { SUBJECT_TYPES } from '../src/policies/subjects.js';
import { flagRows, heavyKey, heavySnapshot } from './policy-fixture.js';

/**
 * Micro-benchmarks of the policy code (issue 6, item 3): cached ability lookup, cold ability
 * build for an agency receiving 60 MoUs / 300 clauses, per-row field masking for 50 rows.
 */

export interface MicroResult {
  name: string;
  meanMicros: number;
  p99Micros: number;
  samples: number;
  targetMicros: number | null;
}

export async function runMicroBenchmarks(): Promise<MicroResult[]> {
  const snapshot = heavySnapshot(60);
  const now = new Date();
  const cache = new AbilityCache();
  cache.get(snapshot, heavyKey, now);
  const compiled = new CompiledPolicy(buildPolicy(snapshot, heavyKey, now));
  for (const subject of SUBJECT_TYPES) compiled.sql(subject, { record: 'record', prisoner: 'prisoner' });
  const rows = flagRows(50);

  const bench = new Bench({ time: 1500, warmupTime: 300 });
  bench
    .add('cached ability lookup', () => {
      cache.get(snapshot, heavyKey, now);
    })
    .add('cold ability build (60 MoUs, 300 clauses)', () => {
      buildPolicy(snapshot, heavyKey, now);
    })
    .add('cold build + SQL predicates for every subject', () => {
      const policy = new CompiledPolicy(buildPolicy(snapshot, heavyKey, now));
      for (const subject of SUBJECT_TYPES) policy.sql(subject, { record: 'record', prisoner: 'prisoner' });
    })
    .add('field masking, 50 rows', () => {
      for (const row of rows) compiled.decide('RiskFlag', { ...row });
    });
  await bench.run();

  const targets: Record<string, number> = {
    'cached ability lookup': 50,
    'cold ability build (60 MoUs, 300 clauses)': 10_000,
  };
  return bench.tasks.map((task) => {
    const result = task.result as unknown as { latency: { mean: number; p99: number }; samples?: unknown[] } | undefined;
    if (!result?.latency) throw new Error(`micro-benchmark ${task.name} did not complete`);
    return {
      name: task.name,
      meanMicros: round(result.latency.mean * 1000),
      p99Micros: round(result.latency.p99 * 1000),
      samples: (task as unknown as { runs?: number }).runs ?? 0,
      targetMicros: targets[task.name] ?? null,
    };
  });
}

const round = (value: number): number => Math.round(value * 100) / 100;

export function printMicro(results: MicroResult[]): void {
  console.log('\nPolicy micro-benchmarks (µs per operation)');
  console.table(results.map((r) => ({
    benchmark: r.name, mean: r.meanMicros, p99: r.p99Micros,
    target: r.targetMicros === null ? '' : `≤ ${r.targetMicros}`,
    met: r.targetMicros === null ? '' : r.meanMicros <= r.targetMicros ? 'yes' : 'NO',
  })));
}

if (process.argv[1]?.endsWith('micro.js')) {
  printMicro(await runMicroBenchmarks());
}
