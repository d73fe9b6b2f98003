import { describe, expect, it } from 'vitest';
import { RequestDisclosure } from '../../src/context/request-disclosure.js';
import { countDecisions } from '../../src/http/liaison-plugin.js';
import { GatewayMetrics } from '../../src/observability/metrics.js';

const record = (id: string, owner: string, returned: string[]) => ({
  subject: 'RiskFlag' as const, id, prisonerId: null, ownerAgencyCode: owner, clauseIds: [], withheld: new Map(), returned: new Set(returned), redacted: new Set<string>(),
});

describe('policy decisions of a request', () => {
  it('are counted per record and refusal, one increment per outcome', async () => {
    const disclosed = new RequestDisclosure();
    for (let i = 0; i < 5; i += 1) disclosed.track(record(`p${i}`, 'PRISONS', ['summary']));
    disclosed.track(record('p0', 'PRISONS', ['category'])); // the same record again: one decision
    disclosed.track(record('own', 'POLICE', ['summary']));
    disclosed.track(record('unshown', 'PRISONS', [])); // loaded, not revealed: no decision
    disclosed.redact({ path: ['a'], reason: 'NO_CLAUSE' });
    disclosed.redact({ path: ['b'], reason: 'NO_CLAUSE' });
    disclosed.deny({ code: 'NOT_FOUND', subject: 'Prisoner', detail: 'x' });
    disclosed.deny({ code: 'PURPOSE_REQUIRED', subject: null, detail: 'x' });
    disclosed.deny({ code: 'FORBIDDEN', subject: null, detail: 'x' });
    const metrics = new GatewayMetrics(false);
    countDecisions(metrics, disclosed, 'POLICE');
    const { values } = await metrics.policyDecisions.get();
    expect(Object.fromEntries(values.map((v) => [v.labels.outcome, v.value]))).toEqual({ disclosed: 5, consulted: 1, redacted: 2, not_found: 1, denied: 2 });
  });
});
