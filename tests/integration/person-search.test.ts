import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshNameKeys } from '../../src/names/store/name-key-store.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { entryFor } from '../support/disclosure-log.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * Finding a person across scripts and spellings (issue 15), through real HTTP against the
 * seeded demo data. Each target is chosen by SQL on its Arabic name, independently of the
 * search; the query is another spelling of it, with the target's date of birth (several
 * demo prisoners share a name, as real ones do: the date tells them apart).
 */

let db: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const SEARCH = `query($input: PersonSearchInput!, $first: Int) { personSearch(input: $input, first: $first) {
  totalCount edges { node { id fullName vepStatus } match { score reasons { method score queryPart matchedPart variant { field value script kind } } } } } }`;

interface Target { id: string; fullName: string; dob: string; arabic: string }

/** The first prisoner (by prison number) whose Arabic-script name matches `pattern` (a POSIX regex). */
async function target(pattern: string): Promise<Target> {
  const [row] = await db.sql<Target>(
    `SELECT p.id, p.full_name AS "fullName", p.date_of_birth::text AS dob, n.value AS arabic
       FROM prisoner p JOIN prisoner_name n ON n.prisoner_id = p.id AND n.script = 'ARABIC'
      WHERE n.value ~ $1 ORDER BY p.prison_number LIMIT 1`, [pattern]);
  if (!row) throw new Error(`the demo data has no prisoner whose Arabic name matches ${pattern}`);
  return row;
}

const securityOfficer = (input: Record<string, unknown>, first = 10) =>
  gateway.graphql<any>(SEARCH, { token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY', variables: { input, first } });

/** The target's family name as written in full_name (last part). */
const familyOf = (t: Target): string => t.fullName.split(' ').at(-1)!;

describe('the searches that found nobody before find the right person first', () => {
  it('"Abdul Rahman" (written apart) finds عبد الرحمن, however the record spells it', async () => {
    const t = await target('^عبد الرحمن ');
    const res = await securityOfficer({ name: `Abdul Rahman ${familyOf(t)}`, dateOfBirth: t.dob });
    expect(res.body.errors).toBeUndefined();
    const [first] = res.body.data.personSearch.edges;
    expect(first.node.id).toBe(t.id);
    expect(first.match.reasons.map((r: any) => r.queryPart)).toContain('abdrahman');
  });

  it('"Husein" finds حسين (Hussein, Husain, Hocine) before حسن (Hassan)', async () => {
    const t = await target('^حسين ');
    const res = await securityOfficer({ name: `Husein ${familyOf(t)}`, dateOfBirth: t.dob });
    expect(res.body.data.personSearch.edges[0].node.id).toBe(t.id);
    // By the given name alone, every حسين ranks above every حسن.
    const byName = await securityOfficer({ name: 'Husein' }, 100);
    const ids: string[] = byName.body.data.personSearch.edges.map((e: any) => e.node.id);
    const hussein = new Set((await db.sql<{ id: string }>(`SELECT prisoner_id AS id FROM prisoner_name WHERE script = 'ARABIC' AND value ~ '^حسين '`)).map((r) => r.id));
    // Hassans who are not also Hussein's son (a patronymic حسين matches "Husein" too).
    const hassan = new Set((await db.sql<{ id: string }>(`SELECT prisoner_id AS id FROM prisoner_name WHERE script = 'ARABIC' AND value ~ '^حسن ' AND value !~ 'حسين'`)).map((r) => r.id));
    expect(hassan.size).toBeGreaterThan(0);
    expect(hussein.size).toBeGreaterThan(0);
    for (const id of hussein) expect(ids).toContain(id);
    const lastHussein = Math.max(...[...hussein].map((id) => ids.indexOf(id)));
    const firstHassan = Math.min(...ids.flatMap((id, i) => (hassan.has(id) ? [i] : [])));
    expect(lastHussein).toBeLessThan(firstHassan);
  });

  it('"Al Hassan" finds الحسن (Al-Hassan, Alhassan, El Hassan)', async () => {
    const t = await target('^[^ ]+ الحسن$');
    const res = await securityOfficer({ name: `${t.fullName.split(' ')[0]} Al Hassan`, dateOfBirth: t.dob });
    expect(res.body.data.personSearch.edges[0].node.id).toBe(t.id);
  });

  it('"عبدالله" (joined) finds عبد الله, in Arabic and in its Latin spellings', async () => {
    const t = await target('^عبد الله ');
    const family = t.arabic.split(' ').slice(2).join(' ');
    const res = await securityOfficer({ name: `عبدالله ${family}`, dateOfBirth: t.dob });
    const [first] = res.body.data.personSearch.edges;
    expect(first.node.id).toBe(t.id);
    const methods = new Set(first.match.reasons.map((r: any) => r.method));
    expect(methods).toContain('NORMALISED'); // the Arabic-script variant
    expect(methods).toContain('TRANSLITERATION'); // its Latin spellings
  });

  it('"Mohammed" and "Muhammad" find the same people, and the same person first', async () => {
    const t = await target('^محمد ');
    const family = familyOf(t);
    const [a, b] = (await Promise.all(['Mohammed', 'Muhammad'].map((given) => securityOfficer({ name: `${given} ${family}`, dateOfBirth: t.dob })))) as [any, any];
    expect(a.body.data.personSearch.edges[0].node.id).toBe(t.id);
    expect(b.body.data.personSearch.edges[0].node.id).toBe(t.id);
    const [x, y] = await Promise.all(['Mohammed', 'Muhammad'].map((given) => securityOfficer({ name: given }, 100)));
    const idsOf = (res: any) => new Set(res.body.data.personSearch.edges.map((e: any) => e.node.id));
    const everyMohammed = (await db.sql<{ id: string }>(`SELECT DISTINCT prisoner_id AS id FROM prisoner_name WHERE script = 'ARABIC' AND value ~ '^محمد '`)).map((r) => r.id);
    expect(everyMohammed.length).toBeGreaterThan(3);
    expect(idsOf(x)).toEqual(idsOf(y));
    for (const id of everyMohammed) expect(idsOf(x)).toContain(id);
  });

  it('parts in any order, and the date of birth with day and month swapped', async () => {
    const t = await target('^محمد ');
    const [year, month, day] = t.dob.split('-');
    const swapped = Number(day) <= 12 ? `${year}-${day}-${month}` : `${Number(year) + 1}-${month}-${day}`;
    const reversed = t.fullName.split(' ').reverse().join(' ').toUpperCase();
    const res = await securityOfficer({ name: reversed, dateOfBirth: swapped });
    const [first] = res.body.data.personSearch.edges;
    expect(first.node.id).toBe(t.id);
    expect(first.match.reasons[0]).toMatchObject({ method: 'DATE_OF_BIRTH_TOLERANT', queryPart: swapped, matchedPart: t.dob, variant: null });
  });

  it('the prisoners list filtered by name is ranked the same way, with its match', async () => {
    const t = await target('^حسين ');
    const res = await gateway.graphql<any>(`query($name: String!) { prisoners(filter: {name: $name}, first: 5) { totalCount edges { node { id } match { score reasons { method } } } } }`,
      { token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY', variables: { name: t.fullName.replace(/^\S+/, 'Husein') } });
    expect(res.body.errors).toBeUndefined();
    const edges = res.body.data.prisoners.edges;
    expect(edges.map((e: any) => e.node.id)).toContain(t.id);
    const scores = edges.map((e: any) => e.match.score);
    expect(scores).toEqual([...scores].sort((p: number, q: number) => q - p));
    // Unfiltered lists carry no match.
    const plain = await gateway.graphql<any>('{ prisoners(first: 1) { edges { match { score } } } }', { token: demoTokens.prisonSecurityOfficer() });
    expect(plain.body.data.prisoners.edges[0].match).toBeNull();
  });

  it('pages through the ranked candidates without gaps or repeats', async () => {
    const page = (after: string | null) => gateway.graphql<any>(`query($after: String) { personSearch(input: {name: "Mohammed"}, first: 4, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } match { score } } } }`,
      { token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY', variables: { after } });
    const all = await securityOfficer({ name: 'Mohammed' }, 100);
    const expected = all.body.data.personSearch.edges.map((e: any) => e.node.id);
    expect(expected.length).toBeGreaterThan(8);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 3; i++) {
      const res: any = await page(after);
      const connection = res.body.data.personSearch;
      expect(connection.totalCount).toBe(expected.length);
      seen.push(...connection.edges.map((e: any) => e.node.id));
      after = connection.pageInfo.endCursor;
      // Cursors are ordinal, as every list's: no candidate's id in them.
      expect(Buffer.from(after!, 'base64url').toString('utf8')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      expect(connection.pageInfo.hasNextPage).toBe(seen.length < expected.length);
    }
    expect(seen).toEqual(expected.slice(0, 12));
    const bad = await page(Buffer.from(JSON.stringify(['Prisoner', expected[0]])).toString('base64url'));
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('finds nobody for a name nobody holds', async () => {
    const res = await securityOfficer({ name: 'Zebulon Quartermaine' });
    expect(res.body.data.personSearch).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('finds nobody for a name with nothing to match', async () => {
    for (const name of ['-- --', "'; --", 'x y']) {
      const res = await securityOfficer({ name });
      expect(res.body.data.personSearch, name).toMatchObject({ totalCount: 0, edges: [] });
    }
  });

  it('refuses a malformed date or nationality', async () => {
    for (const input of [{ name: 'Ali', dateOfBirth: '1990-02-30' }, { name: 'Ali', nationality: 'gb' }]) {
      const res = await securityOfficer(input);
      expect(res.body.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
  });
});

describe('names whose parts share a key ("Ali … Bin Ali", "Hassan Husain")', () => {
  /** Gives prisoners an alias each (keyed as every writer keys names); returns their ids. */
  async function withAliases(aliases: string[]): Promise<string[]> {
    const ids = (await db.sql<{ id: string }>(`SELECT id FROM prisoner ORDER BY prison_number DESC LIMIT $1`, [aliases.length])).map((r) => r.id);
    await db.dataSource.transaction(async (manager) => {
      for (const [i, alias] of aliases.entries()) {
        await manager.query(`INSERT INTO prisoner_name (prisoner_id, value, script, kind) VALUES ($1, $2, 'LATIN', 'ALIAS')`, [ids[i], alias]);
      }
      await refreshNameKeys(manager, ids);
    });
    return ids;
  }
  const candidates = async (name: string): Promise<{ id: string; score: number; parts: string[] }[]> => {
    const res = await securityOfficer({ name }, 100);
    expect(res.body.errors).toBeUndefined();
    return res.body.data.personSearch.edges.map((e: any) => ({ id: e.node.id, score: e.match.score, parts: e.match.reasons.map((r: any) => r.matchedPart) }));
  };

  it('"Zubair Bin Zoubir" finds the prisoner called Zoubir Ben Zoubir first (both parts matched), and not one who holds Zoubir once', async () => {
    const [twice, once] = await withAliases(['Zoubir Ben Zoubir', 'Zoubir Hamdani']);
    const found = await candidates('Zubair Bin Zoubir');
    expect(found[0]!.id).toBe(twice);
    expect(found[0]!.parts.filter((p) => p === 'zoubir')).toHaveLength(2);
    expect(found.map((c) => c.id)).not.toContain(once);
  });

  it('"Hasan Husain Zerrouki" finds Hassan Hussein Zerrouki first, and Hassan Zerrouki (two parts of three) after', async () => {
    const [full, partly] = await withAliases(['Hassan Hussein Zerrouki', 'Hassan Zerrouki']);
    const found = await candidates('Hasan Husain Zerrouki');
    expect(found[0]!.id).toBe(full);
    expect(found[0]!.parts).toEqual(expect.arrayContaining(['hassan', 'hussein', 'zerrouki']));
    const second = found.findIndex((c) => c.id === partly);
    expect(second).toBeGreaterThan(0);
    expect(found[second]!.score).toBeLessThan(found[0]!.score);
  });
});

describe('under policy', () => {
  const analyst = (input: Record<string, unknown>, first = 100) =>
    gateway.graphql<any>(SEARCH, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM', variables: { input, first } });

  it('a police analyst\'s search never returns a non-VEP prisoner, nor one marked above AMBER', async () => {
    const shared = new Set((await db.sql<{ id: string }>(`SELECT id FROM prisoner
      WHERE vep_status IN ('TERRORISM_CONVICTION','TERRORISM_CONNECTED','ASSESSED_VEP') AND tlp IN ('CLEAR','GREEN','AMBER')`)).map((r) => r.id));
    let returned = 0;
    for (const name of ['Mohammed', 'Al Hassan', 'Husein', 'عبدالله', 'Abdul Rahman', 'Smith']) {
      const res = await analyst({ name });
      expect(res.body.errors, name).toBeUndefined();
      for (const { node } of res.body.data.personSearch.edges) expect(shared.has(node.id), `${name}: ${node.fullName} (${node.vepStatus})`).toBe(true);
      returned += res.body.data.personSearch.edges.length;
    }
    expect(returned).toBeGreaterThan(5);
    // A non-VEP prisoner searched by exact name and date of birth: the security officer finds them first; the analyst never.
    const [other] = await db.sql<{ id: string; name: string; dob: string }>(`SELECT id, full_name AS name, date_of_birth::text AS dob FROM prisoner
      WHERE vep_status = 'NONE' AND full_name ~ '^(Mohammed|Mohamed|Muhammad|Mohamad) ' ORDER BY prison_number LIMIT 1`);
    expect((await securityOfficer({ name: other!.name, dateOfBirth: other!.dob })).body.data.personSearch.edges[0].node.id).toBe(other!.id);
    const hidden = await analyst({ name: other!.name, dateOfBirth: other!.dob });
    expect(hidden.body.data.personSearch.edges.map((e: any) => e.node.id)).not.toContain(other!.id);
  });

  it('without a purpose the analyst gets PURPOSE_REQUIRED, not candidates', async () => {
    const res = await gateway.graphql<any>(SEARCH, { token: demoTokens.policeAnalyst(), variables: { input: { name: 'Mohammed' } } });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('PURPOSE_REQUIRED');
    expect(res.body.data).toBeNull();
  });
});

describe('the disclosure log', () => {
  it('holds the search: its terms and the candidates returned, in rank order with their scores', async () => {
    const t = await target('^محمد ');
    const res = await securityOfficer({ name: `Muhammad ${familyOf(t)}`, dateOfBirth: t.dob }, 3);
    const decisionId = res.body.extensions!.liaison!.decisionId;
    const edges = res.body.data.personSearch.edges;
    const [row] = await db.sql<{ entry: string; kind: string; subject_ids: string[] }>('SELECT entry, kind, subject_ids FROM disclosure_log WHERE decision_id = $1', [decisionId]);
    const entry = JSON.parse(row!.entry);
    expect(row!.kind).toBe('CONSULTATION');
    expect(entry.queried).toEqual(['Prisoner']);
    expect(entry.searchTerms).toEqual([expect.objectContaining({
      field: 'personSearch', subject: 'Prisoner', arguments: { first: 3, input: { dateOfBirth: t.dob, name: `Muhammad ${familyOf(t)}` } },
    })]);
    expect(entry.searchCandidates).toEqual([{
      field: 'personSearch',
      candidates: edges.map((e: any) => ({ prisonerId: e.node.id, score: Math.round(e.match.score * 1000) })),
    }]);
    // A data subject's access request finds the search that returned them.
    expect(row!.subject_ids).toContain(t.id);
    // Auditors read it through the API.
    const audit = await gateway.graphql<any>(`query($id: ID!) { disclosures(filter: {subjectId: $id}, first: 50) { edges { node { decisionId searchCandidates { field candidates { prisonerId score } } } } } }`,
      { token: demoTokens.auditor(), purpose: 'OVERSIGHT', variables: { id: t.id } });
    expect(audit.body.errors).toBeUndefined();
    const logged = audit.body.data.disclosures.edges.find((e: any) => e.node.decisionId === decisionId);
    expect(logged.node.searchCandidates[0].candidates[0]).toEqual({ prisonerId: t.id, score: edges[0].match.score });
  });

  it('names the records the candidates\' relations reveal, as any list does (read by the compiled read)', async () => {
    const search = `query($input: PersonSearchInput!) { personSearch(input: $input, first: 20) { edges { node { id riskFlags { id } } } } }`;
    const asAnalyst = (query: string, variables: Record<string, unknown>) =>
      gateway.graphql<any>(query, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM', variables });
    const res = await asAnalyst(search, { input: { name: 'Mohammed' } });
    expect(res.body.errors).toBeUndefined();
    const nodes: { id: string; riskFlags: { id: string }[] }[] = res.body.data.personSearch.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    // Each candidate's flags are exactly those the analyst's own flag list shows for that prisoner.
    for (const node of nodes) {
      const listed = await asAnalyst('query($id: ID!) { riskFlags(filter: {prisonerId: $id}, first: 100) { edges { node { id } } } }', { id: node.id });
      expect(node.riskFlags.map((f) => f.id).sort(), node.id).toEqual(listed.body.data.riskFlags.edges.map((e: any) => e.node.id).sort());
    }
    const flags = nodes.flatMap((n) => n.riskFlags.map((f) => f.id)).sort();
    expect(flags.length).toBeGreaterThan(0);
    const entry = await entryFor(db, res.body.extensions!.liaison!.decisionId);
    expect(entry!.kind).toBe('DISCLOSURE');
    expect(entry!.records.filter((r) => r.subject === 'RiskFlag').map((r) => r.id).sort()).toEqual(flags);
    expect(entry!.records.filter((r) => r.subject === 'Prisoner').map((r) => r.id).sort()).toEqual(nodes.map((n) => n.id).sort());
  });

  it('a count-only search names every candidate it counts', async () => {
    const count = `query($input: PersonSearchInput!) { personSearch(input: $input) { totalCount } }`;
    const all = `query($input: PersonSearchInput!) { personSearch(input: $input, first: 100) { edges { node { id } } } }`;
    const asAnalyst = (query: string) =>
      gateway.graphql<any>(query, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM', variables: { input: { name: 'Mohammed' } } });
    const res = await asAnalyst(count);
    expect(res.body.errors).toBeUndefined();
    const total = res.body.data.personSearch.totalCount as number;
    expect(total).toBeGreaterThan(0);
    const ids = (await asAnalyst(all)).body.data.personSearch.edges.map((e: any) => e.node.id).sort();
    expect(ids).toHaveLength(total);
    const entry = await entryFor(db, res.body.extensions!.liaison!.decisionId);
    expect(entry!.kind).toBe('DISCLOSURE');
    expect(entry!.records.filter((r) => r.subject === 'Prisoner').map((r) => r.id).sort()).toEqual(ids);
  });

  it('holds a search that found nobody, with no candidate', async () => {
    const res = await securityOfficer({ name: 'Zebulon Quartermaine' });
    const [row] = await db.sql<{ entry: string }>('SELECT entry FROM disclosure_log WHERE decision_id = $1', [res.body.extensions!.liaison!.decisionId]);
    const entry = JSON.parse(row!.entry);
    expect(entry.searchTerms).toEqual([expect.objectContaining({ field: 'personSearch', arguments: { first: 10, input: { name: 'Zebulon Quartermaine' } } })]);
    expect(entry.searchCandidates).toEqual([{ field: 'personSearch', candidates: [] }]);
  });
});
