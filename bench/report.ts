import { cpus, totalmem } from 'node:os';
import type { MicroResult } from './micro.js';
import type { StatementsPerRequest } from './statements.js';

export interface Measurement {
  scenario: string;
  mode: 'policy' | 'policy-without-log' | 'baseline' | 'sql-floor' | 'postgraphile' | 'postgraphile-allow-all';
  prisoners: number;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  peakRssMiB: number | null;
  /** CPU of the server process (gateway or peer) over the measured window ÷ requests, ms; null for the SQL floor. */
  cpuMsPerRequest: number | null;
}

/** Statements per request, by system then scenario. */
export type StatementCounts = Partial<Record<'policy' | 'baseline' | 'postgraphile', Record<string, StatementsPerRequest>>>;

export interface Check {
  target: string;
  value: string;
  met: boolean;
}

const find = (ms: Measurement[], scenario: string, mode: Measurement['mode'], prisoners: number, connections: number) =>
  ms.find((m) => m.scenario === scenario && m.mode === mode && m.prisoners === prisoners && m.connections === connections);

const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined || b === 0 ? '' : (a / b).toFixed(2);

export function printTable(measurements: Measurement[]): void {
  console.log('\nLoad (each row: warm-up discarded, then the measured run)');
  console.table(measurements.map((m) => {
    const baseline = find(measurements, m.scenario, 'baseline', m.prisoners, m.connections);
    const floor = find(measurements, m.scenario, 'sql-floor', m.prisoners, m.connections);
    return {
      scenario: m.scenario, mode: m.mode, prisoners: m.prisoners, c: m.connections,
      'req/s': m.rps, 'p50 ms': m.p50, 'p99 ms': m.p99, errors: m.errors,
      'rps ÷ baseline': m.mode === 'policy' || m.mode === 'policy-without-log' ? ratio(m.rps, baseline?.rps) : '',
      'p50 ÷ SQL floor': m.mode === 'sql-floor' ? '' : ratio(m.p50, floor?.p50),
      'CPU ms/req': m.cpuMsPerRequest ?? '',
      'peak RSS MiB': m.peakRssMiB ?? '',
    };
  }));
}

/**
 * Liaison (policy and log) beside PostGraphile+RLS, measured in the same run on the same
 * database: throughput and latency, the ratios, gateway CPU per request and statements per
 * request of Liaison, its allow-all baseline and the peer.
 */
export function printPeerComparison(measurements: Measurement[], statements: StatementCounts, big: number): void {
  const rows = measurements.filter((m) => m.mode === 'postgraphile' && m.prisoners === big);
  if (rows.length === 0) return;
  console.log('\nLiaison (policy + log) and PostGraphile+RLS, same run, same database');
  console.table(rows.map((peer) => {
    const liaison = find(measurements, peer.scenario, 'policy', big, peer.connections);
    const baseline = find(measurements, peer.scenario, 'baseline', big, peer.connections);
    const st = (system: keyof StatementCounts) => statements[system]?.[peer.scenario]?.statements ?? '';
    return {
      scenario: peer.scenario, c: peer.connections,
      'Liaison req/s': liaison?.rps ?? '', 'Liaison p50/p99 ms': liaison ? `${liaison.p50} / ${liaison.p99}` : '',
      'peer req/s': peer.rps, 'peer p50/p99 ms': `${peer.p50} / ${peer.p99}`,
      'L÷P req/s': ratio(liaison?.rps, peer.rps), 'L÷P p99': ratio(liaison?.p99, peer.p99),
      'CPU ms/req L | base | P': `${liaison?.cpuMsPerRequest ?? '–'} | ${baseline?.cpuMsPerRequest ?? '–'} | ${peer.cpuMsPerRequest ?? '–'}`,
      'stmts/req L | base | P': `${st('policy')} | ${st('baseline')} | ${st('postgraphile')}`,
    };
  }));
}

/**
 * The allow-all systems against the SQL floor, same run, same data: Liaison's baseline (no
 * policy, no log) and PostGraphile without row-level security — how far above the floor a
 * GraphQL server over HTTP runs, Liaison's and the state of the art's. Not a target of its
 * own: beside "the baseline within 2 × the floor", what the peer manages on the same data.
 */
export function printAllowAllAgainstFloor(measurements: Measurement[], big: number): void {
  const floors = measurements.filter((m) => m.mode === 'sql-floor' && m.prisoners === big);
  if (floors.length === 0) return;
  console.log('\nAllow-all against the SQL floor (floor q/s ÷ server req/s), same run, same data');
  console.table(floors.map((floor) => {
    const baseline = find(measurements, floor.scenario, 'baseline', big, floor.connections);
    const peer = find(measurements, floor.scenario, 'postgraphile-allow-all', big, floor.connections);
    return {
      scenario: floor.scenario, c: floor.connections, 'floor q/s': floor.rps,
      'baseline req/s': baseline?.rps ?? '', 'floor ÷ baseline': ratio(floor.rps, baseline?.rps),
      'PostGraphile without RLS req/s': peer?.rps ?? '', 'floor ÷ PostGraphile': ratio(floor.rps, peer?.rps),
      'CPU ms/req base | PG': `${baseline?.cpuMsPerRequest ?? '–'} | ${peer?.cpuMsPerRequest ?? '–'}`,
    };
  }));
}

export function checks(measurements: Measurement[], micro: MicroResult[], big: number, small: number | null): Check[] {
  const out: Check[] = [];
  for (const scenario of ['S1', 'S2', 'S3']) {
    const policy = find(measurements, scenario, 'policy', big, 16);
    const baseline = find(measurements, scenario, 'baseline', big, 16);
    if (policy && baseline) {
      const share = policy.rps / baseline.rps;
      out.push({ target: `${scenario} c16 throughput ≥ 75 % of baseline`, value: `${(share * 100).toFixed(0)} %`, met: share >= 0.75 });
    }
    if (policy) out.push({ target: `${scenario} c16 p99 ≤ 100 ms`, value: `${policy.p99} ms`, met: policy.p99 <= 100 });
    const withoutLog = find(measurements, scenario, 'policy-without-log', big, 16);
    if (policy && withoutLog) {
      const added = policy.p50 - withoutLog.p50;
      out.push({ target: `${scenario} c16 disclosure log adds ≤ 2 ms at the median`, value: `${added.toFixed(1)} ms`, met: added <= 2 });
    }
  }
  if (small !== null) {
    for (const c of [1, 16]) {
      const large = find(measurements, 'S1', 'policy', big, c);
      const smaller = find(measurements, 'S1', 'policy', small, c);
      if (large && smaller) {
        const r = large.p50 / smaller.p50;
        out.push({ target: `S1 c${c} p50 at ${big} ≤ 1.5 × p50 at ${small}`, value: `${r.toFixed(2)} ×`, met: r <= 1.5 });
      }
    }
  }
  for (const m of micro) {
    if (m.targetMicros !== null) out.push({ target: `${m.name} ≤ ${m.targetMicros} µs`, value: `${m.meanMicros} µs`, met: m.meanMicros <= m.targetMicros });
  }
  for (const scenario of ['S1', 'S2', 'S3']) {
    for (const c of [1, 16]) {
      const liaison = find(measurements, scenario, 'policy', big, c);
      const peer = find(measurements, scenario, 'postgraphile', big, c);
      if (liaison && peer) {
        out.push({ target: `${scenario} c${c} Liaison ≥ 1.0 × PostGraphile+RLS req/s`, value: `${ratio(liaison.rps, peer.rps)} ×`, met: liaison.rps >= peer.rps });
        out.push({ target: `${scenario} c${c} Liaison p99 ≤ PostGraphile+RLS p99`, value: `${liaison.p99} vs ${peer.p99} ms`, met: liaison.p99 <= peer.p99 });
      }
      const baseline = find(measurements, scenario, 'baseline', big, c);
      const floor = find(measurements, scenario, 'sql-floor', big, c);
      if (baseline && floor) {
        out.push({ target: `${scenario} c${c} baseline within 2 × the SQL floor (req/s)`, value: `${ratio(floor.rps, baseline.rps)} ×`, met: baseline.rps * 2 >= floor.rps });
      }
    }
  }
  const s1Cpu = find(measurements, 'S1', 'policy', big, 16)?.cpuMsPerRequest;
  if (s1Cpu !== undefined && s1Cpu !== null) out.push({ target: 'S1 c16 gateway CPU ≤ 2 ms per request', value: `${s1Cpu} ms`, met: s1Cpu <= 2 });
  const errors = measurements.reduce((sum, m) => sum + m.errors, 0);
  out.push({ target: 'no error responses', value: String(errors), met: errors === 0 });
  return out;
}

export function machine(): Record<string, unknown> {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}
