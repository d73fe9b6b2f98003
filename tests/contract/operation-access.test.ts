import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AUDIENCES, audienceRefusal, OPERATION_ACCESS, operationAccess, type Caller } from '../../src/enforcement/operation-access.js';
import { guardOperations } from '../../src/enforcement/operation-guard.js';
import { gatewaySchema } from '../../src/schema/build-schema.js';

/**
 * Who may call each operation: one declaration per Query, Mutation and Subscription field
 * (src/enforcement/operation-access.ts). The snapshot is reviewed like the policy snapshot:
 * a diff is a change in who may call what.
 */

const caller = (agencyCode: string, agencyKind: string, roles: string[], purpose: string | null = null): Caller => ({ agencyCode, agencyKind, roles, purpose });
const CALLERS = {
  analyst: caller('POLICE', 'LAW_ENFORCEMENT', ['ANALYST'], 'CRIME_PREVENTION'),
  mouAdmin: caller('PRISONS', 'PRISON_ADMINISTRATION', ['MOU_ADMIN']),
  mouAdminForOversight: caller('PRISONS', 'PRISON_ADMINISTRATION', ['MOU_ADMIN'], 'OVERSIGHT'),
  auditor: caller('INSPECTORATE', 'OVERSIGHT', ['AUDITOR']),
  auditorForOversight: caller('INSPECTORATE', 'OVERSIGHT', ['AUDITOR'], 'OVERSIGHT'),
  auditorOfAnOrdinaryAgency: caller('POLICE', 'LAW_ENFORCEMENT', ['AUDITOR'], 'OVERSIGHT'),
  caseManager: caller('PRISONS', 'PRISON_ADMINISTRATION', ['CASE_MANAGER']),
  probationOfficer: caller('PROBATION', 'PROBATION_SERVICE', ['PROBATION_OFFICER'], 'SUPERVISION'),
};

describe('operation access declarations', () => {
  it('declare every Query, Mutation and Subscription field, and nothing else (deny by default)', async () => {
    const schema = await gatewaySchema();
    const fields = [schema.getQueryType()!, schema.getMutationType()!, schema.getSubscriptionType()!]
      .flatMap((type) => Object.keys(type.getFields()).map((name) => `${type.name}.${name}`)).sort();
    const declared = Object.entries(OPERATION_ACCESS).flatMap(([type, ops]) => Object.keys(ops).map((name) => `${type}.${name}`)).sort();
    expect(declared).toEqual(fields);
  });

  it('are listed, with who may call and where a refusal is recorded', () => {
    const listing = Object.fromEntries(Object.entries(OPERATION_ACCESS).map(([type, ops]) => [type, Object.fromEntries(
      Object.entries(ops).map(([name, access]) => [name, {
        audience: `${access.audience}: ${AUDIENCES[access.audience].who}`,
        ...(access.refusal ? { refusalRule: access.refusal.rule } : {}),
        refusalRecordedIn: typeof access.recordedIn === 'string' ? access.recordedIn
          : 'adminLog' in access.recordedIn ? `admin log (${access.recordedIn.adminLog})` : `disclosure log (${access.recordedIn.disclosureLog})`,
      }]),
    )]));
    expect(listing).toMatchSnapshot();
  });

  it('decide by the caller alone: who is admitted to each audience', () => {
    const admitted = Object.fromEntries(Object.keys(AUDIENCES).map((audience) => [audience, Object.entries(CALLERS)
      .filter(([, who]) => audienceRefusal({ audience: audience as keyof typeof AUDIENCES, recordedIn: 'REQUEST_LOG' }, who) === null)
      .map(([name]) => name)]));
    expect(admitted).toEqual({
      ANY_CALLER: Object.keys(CALLERS),
      MOU_ADMIN: ['mouAdmin', 'mouAdminForOversight'],
      MOU_ADMIN_OR_AUDITOR: ['mouAdmin', 'mouAdminForOversight', 'auditor', 'auditorForOversight'],
      LOG_READER: ['mouAdminForOversight', 'auditorForOversight'],
      LOG_AUDITOR: ['auditorForOversight'],
      RECORD_WRITER: ['caseManager'],
      RECORD_WRITER_OR_AUDITOR: ['auditor', 'auditorForOversight', 'caseManager'],
    });
  });

  it('word refusals with the declared rule, and keep the log readers\' PURPOSE_REQUIRED', () => {
    expect(audienceRefusal(operationAccess('Mutation', 'approveMou')!, CALLERS.analyst)).toEqual({
      code: 'FORBIDDEN', rule: 'MOU_ADMIN_REQUIRED',
      message: 'Refused (MOU_ADMIN_REQUIRED): approving an MoU needs the MOU_ADMIN role of a party to the MoU; you hold ANALYST at POLICE',
    });
    expect(audienceRefusal(operationAccess('Query', 'disclosures')!, CALLERS.auditor)).toMatchObject({ code: 'PURPOSE_REQUIRED', rule: null });
    expect(audienceRefusal(operationAccess('Query', 'auditIntegrity')!, CALLERS.mouAdminForOversight)).toMatchObject({ code: 'FORBIDDEN', rule: null });
    expect(operationAccess('Query', 'toString')).toBeUndefined();
  });

  it('stop a schema with an undeclared operation from being built', () => {
    const schema = buildSchema('type Query { me: String, backdoor: String } type Mutation { sealDisclosureLog: String }');
    expect(() => guardOperations(schema)).toThrow(/undeclared: Query\.backdoor/);
  });
});
