import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import type { Scenario } from './scenarios.js';

/** A server measured against the SQL floor: where it listens, what it is sent, and its answers reduced as the floor's rows are. */
export interface FloorSystem {
  name: string;
  url: string;
  body: (scenario: Scenario) => (i: number) => string;
  reduce: (scenario: Scenario) => (data: unknown) => unknown;
}

/**
 * Before the allow-all servers and the SQL floor are timed: each asked the same questions (S1,
 * S2, and S3 for each prisoner the benchmark rotates over) and its answers reduced to the
 * records and values the floor's rows must hold alike (`Scenario.floor.same`) — a floor reading
 * less than a server answers (the part of the data a policy would share, say) would make the
 * ratio between them a measure of nothing. Lines to print; `ok` false when any answer differs.
 */
export async function checkFloorMatches(
  databaseUrl: string, list: readonly Scenario[], prisonerIds: readonly string[], systems: readonly FloorSystem[],
): Promise<{ ok: boolean; lines: string[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const lines: string[] = [];
  let ok = true;
  try {
    for (const scenario of list) {
      const asked = scenario.id === 'S3' ? prisonerIds.length : 1;
      for (const system of systems) {
        const body = system.body(scenario);
        let same = 0;
        for (let i = 0; i < asked; i += 1) {
          const response = await fetch(system.url, { method: 'POST', headers: { 'content-type': 'application/json', ...scenario.headers }, body: body(i) });
          const answer = await response.json() as { data?: unknown; errors?: unknown[] };
          if (response.status !== 200 || !answer.data || answer.errors) {
            ok = false;
            lines.push(`MISMATCH ${scenario.id}: ${system.name} answered ${response.status} ${JSON.stringify(answer).slice(0, 300)}`);
            break;
          }
          const { rows } = await client.query(scenario.floor.text, scenario.floor.values(i));
          const fromServer = system.reduce(scenario)(answer.data);
          const fromFloor = scenario.floor.same.rows(rows);
          if (!isDeepStrictEqual(fromServer, fromFloor)) {
            ok = false;
            lines.push(`MISMATCH ${scenario.id} request ${i}: ${system.name} ${JSON.stringify(fromServer).slice(0, 300)} vs the floor ${JSON.stringify(fromFloor).slice(0, 300)}`);
            break;
          }
          same += 1;
        }
        if (same === asked) lines.push(`${scenario.id}: the floor returns what ${system.name} answers, in ${same} answer(s) of ${asked}`);
      }
    }
  } finally {
    await client.end();
  }
  return { ok, lines };
}
