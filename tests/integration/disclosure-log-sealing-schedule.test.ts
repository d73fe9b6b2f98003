import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogSealer, REFUSED_RETRY_MIN_MS } from '../../src/audit/store/log-sealer.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway } from '../support/gateway.js';

/**
 * The sealing schedule over a gateway's life: a gateway that seals on schedule seals its last
 * entries when it stops (they would otherwise wait for the next process and look overdue), and
 * a refused seal — which checks the whole unsealed stretch each time — is not tried again at
 * every tick of the schedule.
 */

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

const head = async (): Promise<number> => Number((await db.sql<{ seq: string }>('SELECT seq FROM disclosure_log_head'))[0]!.seq);
const lastCheckpoint = async (): Promise<number> =>
  Number((await db.sql<{ seq: string | null }>('SELECT max(seq) AS seq FROM disclosure_log_checkpoint'))[0]!.seq ?? 0);

describe('the sealing schedule', () => {
  it('a gateway sealing on schedule seals its last entries when it stops', async () => {
    const gateway = await startTestGateway(db, { env: { LIAISON_AUDIT_CHECKPOINT_INTERVAL: '60' } });
    const res = await gateway.graphql('{ riskFlags(first: 2) { edges { node { id } } } }', { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
    expect(res.body.errors).toBeUndefined();
    // Not yet due (the interval is a minute): the entry is unsealed while the gateway runs.
    expect(await lastCheckpoint()).toBeLessThan(await head());
    await gateway.close();
    expect(await lastCheckpoint()).toBe(await head());
  });

  it('a refused seal is not tried again at every tick: the schedule backs off, and says when it will try', async () => {
    // A gateway that does not seal (interval 0) leaves entries unsealed…
    const gateway = await startTestGateway(db);
    await gateway.graphql('{ riskFlags(first: 1) { edges { node { id } } } }', { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
    // …which a sealer whose clock is an hour ahead finds overdue: it refuses to sign them.
    const lines: { msg: string; nextAttemptInSeconds?: number }[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const inAnHour = () => new Date(Date.now() + 3_600_000);
    const sealer = new LogSealer(gateway.disclosureLog.pool, gateway.disclosureLog.keys.signer, { intervalSeconds: 1, everyEntries: 10_000 }, log, inAnHour);
    try {
      const before = await lastCheckpoint();
      sealer.start(); // ticks every second
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      await sealer.stop(); // a refusal stands: nothing is sealed on stop either
      const refusals = lines.filter((l) => l.msg === 'DISCLOSURE LOG NOT INTACT: checkpoint refused');
      expect(refusals).toHaveLength(1);
      expect(refusals[0]!.nextAttemptInSeconds).toBe(REFUSED_RETRY_MIN_MS / 1000);
      expect(await lastCheckpoint()).toBe(before);
    } finally {
      await gateway.close();
    }
  });
});
