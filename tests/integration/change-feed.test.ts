import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevelopmentToken } from '../../src/auth/development-tokens.js';
import { ChangeFeedFollower, latestPosition, type ChangeEvent } from '../../src/feed/change-feed.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { demoPrisoner } from '../support/publishing-api.js';

/**
 * The change feed under concurrent writers (issue 12, items 6 and 7): 8 writers each make 500
 * changes through the API (upserts of 25 flags, 20 calls each) while a follower reads the feed
 * by position. Positions follow commit order, so the follower — reading as the writers write —
 * sees every event exactly once; afterwards the disclosure log's chain verifies and holds one
 * write entry per call, naming every record written.
 */

const WRITERS = 8;
const CALLS = 20;
const BATCH = 25;

let db: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db, { env: { LIAISON_RATE_LIMIT_PER_USER: '100000', LIAISON_RATE_LIMIT_PER_AGENCY: '100000' } });
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const UPSERT = `mutation($records: [RiskFlagInput!]!) { upsertRiskFlags(records: $records) { created updated unchanged rejected } }`;
const SEVERITIES = ['LOW', 'MODERATE', 'HIGH', 'VERY_HIGH'];

describe('8 concurrent writers × 500 changes and a follower', () => {
  it('the follower sees every event exactly once, in position order; the chain verifies and holds every write', async () => {
    const prisoner = await demoPrisoner(db);
    const start = await latestPosition({ query: async (text, values) => ({ rows: await db.sql(text, values) as never }) });
    const seen: ChangeEvent[] = [];
    const follower = new ChangeFeedFollower({ databaseUrl: db.url, after: start, onEvents: (events) => { seen.push(...events); }, pollMs: 200 });
    await follower.start();

    const writer = async (w: number): Promise<void> => {
      const token = mintDevelopmentToken({ agency: 'PRISONS', roles: ['SECURITY_OFFICER'], userId: `writer-${w}` });
      for (let call = 0; call < CALLS; call++) {
        const records = Array.from({ length: BATCH }, (_, i) => ({
          externalId: `FEED-${w}-${i}`, prisonerExternalId: prisoner.externalId, category: 'VIOLENCE',
          severity: SEVERITIES[call % SEVERITIES.length], summary: `writer ${w} change ${call}`,
          raisedAt: '2026-06-01T00:00:00.000Z',
        }));
        const res = await gateway.graphql<any>(UPSERT, { token, variables: { records } });
        if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
        expect(res.body.data.upsertRiskFlags).toMatchObject(call === 0 ? { created: BATCH } : { updated: BATCH });
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    await follower.catchUp();
    await follower.stop();

    const committed = await db.sql<{ position: string }>(`SELECT position FROM change_event WHERE position > $1 ORDER BY position`, [start]);
    expect(committed).toHaveLength(WRITERS * CALLS * BATCH);
    expect(seen.map((e) => e.position)).toEqual(committed.map((r) => Number(r.position)));
    const perRecord = new Map<string, number[]>();
    for (const event of seen) perRecord.set(event.recordId, [...(perRecord.get(event.recordId) ?? []), event.revision]);
    expect(perRecord.size).toBe(WRITERS * BATCH);
    for (const revisions of perRecord.values()) expect(revisions).toEqual(Array.from({ length: CALLS }, (_, i) => i + 1));
    expect(seen.filter((e) => e.change === 'CREATE')).toHaveLength(WRITERS * BATCH);
    expect(seen.every((e) => e.prisonerId === prisoner.id && e.ownerAgencyCode === 'PRISONS')).toBe(true);

    const report = await gateway.disclosureLog.verify();
    expect(report.problem).toBeNull();
    expect(report.intact).toBe(true);
    const entries = await db.sql<{ kind: string; user_id: string; subject_ids: string[] }>(
      `SELECT kind, user_id, subject_ids FROM disclosure_log WHERE kind IN ('COLLECTION','ALTERATION') AND user_id LIKE 'writer-%'`,
    );
    expect(entries).toHaveLength(WRITERS * CALLS);
    expect(entries.filter((e) => e.kind === 'COLLECTION')).toHaveLength(WRITERS);
    const named = new Set(entries.flatMap((e) => e.subject_ids));
    for (const recordId of perRecord.keys()) expect(named.has(recordId)).toBe(true);
  }, 120_000);
});
