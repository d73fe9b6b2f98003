import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import type { Scenario } from './scenarios.js';

/**
 * Before the allow-all baseline and the SQL floor are timed: both asked the same questions
 * (S1, S2, and S3 for each prisoner the benchmark rotates over) and their answers reduced to
 * the records and values both must hold (`Scenario.floor.same`) — a floor reading less than
 * the baseline answers (the part of the data a policy would share, say) would make the ratio
 * between them a measure of nothing. Lines to print; `ok` false when any answer differs.
 */
export async function checkFloorMatchesBaseline(
  gatewayUrl: string, databaseUrl: string, list: readonly Scenario[], prisonerIds: readonly string[],
): Promise<{ ok: boolean; lines: string[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const lines: string[] = [];
  let ok = true;
  try {
    for (const scenario of list) {
      const asked = scenario.id === 'S3' ? prisonerIds.length : 1;
      let same = 0;
      for (let i = 0; i < asked; i += 1) {
        const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...scenario.headers }, body: scenario.body(i) });
        const body = await response.json() as { data?: unknown; errors?: unknown[] };
        if (response.status !== 200 || !body.data || body.errors) {
          ok = false;
          lines.push(`MISMATCH ${scenario.id}: the baseline answered ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
          break;
        }
        const { rows } = await client.query(scenario.floor.text, scenario.floor.values(i));
        const fromGateway = scenario.floor.same.response(body.data);
        const fromFloor = scenario.floor.same.rows(rows);
        if (!isDeepStrictEqual(fromGateway, fromFloor)) {
          ok = false;
          lines.push(`MISMATCH ${scenario.id} request ${i}: baseline ${JSON.stringify(fromGateway).slice(0, 300)} vs floor ${JSON.stringify(fromFloor).slice(0, 300)}`);
          break;
        }
        same += 1;
      }
      if (same === asked) lines.push(`${scenario.id}: the floor returns the baseline's records in ${same} answer(s) of ${asked}`);
    }
  } finally {
    await client.end();
  }
  return { ok, lines };
}
