import { buildSchema, graphql, type GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AuditSink } from '../../src/audit/audit-sink.js';
import { RequestContext } from '../../src/context/request-context.js';
import { RecordRedactions } from '../../src/enforcement/record-redactions.js';
import { RECORD, REDACTIONS, type RecordView } from '../../src/enforcement/record-view.js';
import type { GatewaySnapshot, PolicySource } from '../../src/enforcement/policy-store.js';
import { liaisonPlugin } from '../../src/http/liaison-plugin.js';
import { GatewayMetrics } from '../../src/observability/metrics.js';
import type { CompiledPolicy } from '../../src/policies/compiled-policy.js';
import { recordFieldResolver } from '../../src/resolvers/record-field-resolver.js';
import { createServer, type ServerDeps } from '../../src/server.js';
import type { PresentedRecord } from '../../src/context/request-disclosure.js';
import { captureLog } from '../support/log-capture.js';

/**
 * The defaults fail closed by construction: a raw row under a governed type shows nothing,
 * and a server without a disclosure log cannot be built.
 */

const schema: GraphQLSchema = buildSchema(`
  type Query { rawFlag: RiskFlag, presentedFlag: RiskFlag, agency: AgencyRef }
  type RiskFlag { id: ID, summary: String, severity: String }
  type AgencyRef { code: String }
`);

function context() {
  const captured = captureLog();
  const ctx = new RequestContext(
    'decision-fail-closed', { userId: 'u-1', agencyCode: 'POLICE', roles: ['ANALYST'], issuer: 'test' }, null, null,
    {} as unknown as CompiledPolicy, {} as unknown as GatewaySnapshot, {} as unknown as DataSource, captured.log.child({ decisionId: 'decision-fail-closed' }),
  );
  return { ctx, captured };
}

function presented(fields: Record<string, unknown>, withheld: Record<string, 'NO_CLAUSE'>): RecordView {
  const record: PresentedRecord = {
    subject: 'RiskFlag', id: String(fields.id), prisonerId: null, ownerAgencyCode: 'PRISONS', clauseIds: ['c-1'],
    withheld: new Map(Object.entries(withheld)), returned: new Set(), redacted: new Set(),
  };
  return Object.assign({ ...fields }, { [RECORD]: record, [REDACTIONS]: new RecordRedactions() }) as RecordView;
}

const run = (source: string, ctx: RequestContext, rootValue: Record<string, unknown>) =>
  graphql({ schema, source, rootValue, contextValue: ctx, fieldResolver: recordFieldResolver });

describe('the default field resolver under a governed type', () => {
  it('masks every field of a raw row (null, a redaction each) and logs an error with the decision id', async () => {
    const { ctx, captured } = context();
    const result = await run('{ rawFlag { id summary severity } }', ctx, {
      rawFlag: { id: 'f-1', summary: 'must not leak', severity: 'HIGH' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ rawFlag: { id: null, summary: null, severity: null } });
    expect(ctx.disclosures.redactions).toEqual([
      { path: ['rawFlag', 'id'], reason: 'NO_CLAUSE' },
      { path: ['rawFlag', 'summary'], reason: 'NO_CLAUSE' },
      { path: ['rawFlag', 'severity'], reason: 'NO_CLAUSE' },
    ]);
    const errors = captured.lines.filter((line) => line.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ decisionId: 'decision-fail-closed', type: 'RiskFlag', msg: expect.stringMatching(/^fail closed/) });
    expect(JSON.stringify(captured.lines)).not.toContain('must not leak');
  });

  it('shows a presented record as the policy decided it, and notes what was returned', async () => {
    const { ctx, captured } = context();
    const view = presented({ id: 'f-2', summary: 'shared summary' }, { severity: 'NO_CLAUSE' });
    const result = await run('{ presentedFlag { id summary severity } }', ctx, { presentedFlag: view });
    expect(result.data).toEqual({ presentedFlag: { id: 'f-2', summary: 'shared summary', severity: null } });
    expect(ctx.disclosures.redactions).toEqual([{ path: ['presentedFlag', 'severity'], reason: 'NO_CLAUSE' }]);
    expect([...view[RECORD].returned].sort()).toEqual(['id', 'summary']);
    expect(captured.lines.filter((line) => line.level === 50)).toEqual([]);
  });

  it('leaves ungoverned types alone', async () => {
    const { ctx } = context();
    const result = await run('{ agency { code } }', ctx, { agency: { code: 'POLICE' } });
    expect(result.data).toEqual({ agency: { code: 'POLICE' } });
    expect(ctx.disclosures.redactions).toEqual([]);
  });
});

describe('a server without a disclosure log', () => {
  it('does not type-check', () => {
    expectTypeOf<ServerDeps['auditSink']>().toEqualTypeOf<AuditSink>();
    // @ts-expect-error — the audit sink is required: a server that skips the log cannot be described.
    const deps: ServerDeps = { config: undefined!, dataSource: undefined!, policyStore: undefined!, issuers: undefined!, log: undefined!, disclosureLog: null };
    expect(deps.auditSink).toBeUndefined();
  });

  it('is refused at run time, before anything is started', async () => {
    const deps = { config: {}, dataSource: {}, policyStore: {}, issuers: {}, log: {}, disclosureLog: null } as unknown as ServerDeps;
    await expect(createServer(deps)).rejects.toThrow(/auditSink is required/);
    await expect(createServer({ ...deps, auditSink: {} as AuditSink })).rejects.toThrow(/auditSink is required/);
  });

  it('has no response plugin to skip the log with', () => {
    const log = captureLog().log;
    const policyStore: Pick<PolicySource, 'noteRevision'> = { noteRevision: () => undefined };
    expect(() => liaisonPlugin({ log, metrics: new GatewayMetrics(), policyStore } as unknown as Parameters<typeof liaisonPlugin>[0]))
      .toThrow(/audit sink is required/);
  });
});
