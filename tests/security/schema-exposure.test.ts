import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type GraphQLResponse, type TestGateway } from '../support/gateway.js';
import { captureLog, type CapturedLog } from '../support/log-capture.js';
import { createProductionIssuer, type ProductionIssuer } from '../support/production-issuer.js';

/**
 * Schema exposure (issue 5 §3): introspection and field suggestions are off in production
 * mode and on in development mode; stack traces are never sent; internal errors are masked
 * and carry the decision id under which the operator finds the cause in the logs. Vitest
 * runs with NODE_ENV=test, so nothing here can lean on Apollo's NODE_ENV defaults.
 */

let db: TestDatabase;
let issuer: ProductionIssuer;
let production: TestGateway;
let development: TestGateway;
let productionLog: CapturedLog;
let developmentLog: CapturedLog;

beforeAll(async () => {
  db = await createTestDatabase();
  issuer = await createProductionIssuer();
  productionLog = captureLog();
  developmentLog = captureLog();
  production = await startTestGateway(db, { env: issuer.env, log: productionLog.log });
  development = await startTestGateway(db, { log: developmentLog.log });
});

afterAll(async () => {
  await production?.close();
  await development?.close();
  await issuer?.remove();
  await db?.drop();
});

const modes = () => [
  { mode: 'production', gateway: production, log: productionLog, token: issuer.token() },
  { mode: 'development', gateway: development, log: developmentLog, token: demoTokens.policeAnalyst() },
] as const;

const call = (mode: ReturnType<typeof modes>[number], query: string) =>
  mode.gateway.graphql<any>(query, { token: mode.token, purpose: 'COUNTER_TERRORISM' });

/** No stack trace, file path or internal detail anywhere in a response. */
function expectNoInternals(res: GraphQLResponse<any>): void {
  const text = JSON.stringify(res.body);
  expect(text).not.toMatch(/stacktrace|exception|\bat [\w.<>]+ \(|\.[jt]s:\d+|node_modules|QueryFailedError|column .* does not exist|SELECT /i);
}

describe('production mode', () => {
  it('does not trust development tokens', async () => {
    const res = await production.graphql('{ me { userId } }', { token: demoTokens.policeAnalyst() });
    expect(res.status).toBe(401);
  });

  it('refuses introspection of the schema and of a type', async () => {
    for (const query of ['{ __schema { queryType { name } types { name } } }', '{ __type(name: "Prisoner") { fields { name } } }']) {
      const res = await call(modes()[0], query);
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors![0]!.message).toMatch(/introspection/i);
      expectNoInternals(res);
    }
  });

  it('still answers __typename (not introspection of the schema)', async () => {
    const res = await call(modes()[0], '{ __typename }');
    expect(res.body.data).toEqual({ __typename: 'Query' });
  });

  it('suggests no field, argument or enum value', async () => {
    for (const query of [
      '{ me { userI } }',
      '{ riskFlags(frist: 1) { totalCount } }',
      '{ riskFlags(filter: { categories: [VIOLENC] }) { totalCount } }',
      '{ prisoners { edges { node { fulName } } } }',
    ]) {
      const res = await call(modes()[0], query);
      expect(res.status).toBe(400);
      expect(res.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors!.map((e) => e.message).join(' ')).not.toMatch(/did you mean|fullName|userId|VIOLENCE|first/i);
    }
  });

  it('suggests nothing when coercing variables either', async () => {
    // [document, variables, what the caller wrote, the schema name a suggestion would reveal]
    const cases: [string, Record<string, unknown>, RegExp, RegExp][] = [
      ['query Q($s: RiskLevel) { riskFlags(filter: { minSeverity: $s }) { totalCount } }', { s: 'HIHG' }, /HIHG/, /"HIGH"/],
      ['query Q($f: RiskFlagFilter) { riskFlags(filter: $f) { totalCount } }', { f: { minSeverty: 'HIGH' } }, /minSeverty/, /minSeverity/],
      ['query Q($f: RiskFlagFilter) { riskFlags(filter: $f) { totalCount } }', { f: { categories: ['VIOLENC'] } }, /VIOLENC/, /VIOLENCE/],
    ];
    for (const [query, variables, written, revealed] of cases) {
      const res = await production.graphql<any>(query, { token: issuer.token(), purpose: 'COUNTER_TERRORISM', variables });
      expect(res.status, query).toBe(400);
      expect(res.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      const messages = res.body.errors!.map((e) => e.message).join(' ');
      expect(messages).toMatch(written);
      expect(messages).not.toMatch(revealed);
      expect(messages).not.toMatch(/did you mean|\?$/i);
    }
  });
});

describe('development mode', () => {
  it('answers introspection', async () => {
    const res = await call(modes()[1], '{ __schema { queryType { name } } }');
    expect(res.status).toBe(200);
    expect(res.body.data.__schema.queryType.name).toBe('Query');
  });

  it('suggests the field meant', async () => {
    const res = await call(modes()[1], '{ me { userI } }');
    expect(res.body.errors![0]!.message).toMatch(/Did you mean "userId"/);
  });

  it('suggests the enum value meant when coercing a variable', async () => {
    const res = await development.graphql<any>('query Q($s: RiskLevel) { riskFlags(filter: { minSeverity: $s }) { totalCount } }', {
      token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM', variables: { s: 'HIHG' },
    });
    expect(res.body.errors![0]!.message).toMatch(/Did you mean the enum value "HIGH"/);
  });
});

describe('in both modes', () => {
  it('no error carries a stack trace, whatever the stage that raised it', async () => {
    for (const mode of modes()) {
      for (const query of ['{', '{ nope }', '{ prisoner(id: "x") { id } }', '{ riskFlags(first: 1000) { totalCount } }']) {
        const res = await call(mode, query);
        expect(res.body.errors?.length, `${mode.mode}: ${query}`).toBeGreaterThan(0);
        for (const error of res.body.errors!) {
          expect(Object.keys(error.extensions ?? {}).sort()).not.toContain('stacktrace');
          expect(error.extensions!.decisionId).toBe(res.headers.get('liaison-decision-id'));
        }
        expectNoInternals(res);
      }
    }
  });

  it('an internal error is masked, names the decision id, and the log holds its cause under that id', async () => {
    // Break the facility lookup under the running gateways: a defect the client must not see.
    await db.sql('ALTER TABLE facility RENAME COLUMN name TO name_broken');
    try {
      for (const mode of modes()) {
        const res = await call(mode, '{ prisoners(first: 1) { edges { node { id facility { name } } } } }');
        const decisionId = res.headers.get('liaison-decision-id')!;
        const internal = res.body.errors!.filter((e) => e.extensions!.code === 'INTERNAL_SERVER_ERROR');
        expect(internal.length, mode.mode).toBeGreaterThan(0);
        for (const error of internal) {
          expect(error.message).toBe('Internal server error');
          expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', decisionId });
        }
        expect(res.body.extensions!.liaison!.decisionId).toBe(decisionId);
        expectNoInternals(res);
        const logged = mode.log.forDecision(decisionId).filter((line) => line.level === 50);
        expect(JSON.stringify(logged), mode.mode).toMatch(/name_broken|column .*name.* does not exist/);
      }
    } finally {
      await db.sql('ALTER TABLE facility RENAME COLUMN name_broken TO name');
    }
  });
});
