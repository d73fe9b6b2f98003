import { describe, expect, it } from 'vitest';
import { RequestDisclosure } from '../../src/context/request-disclosure.js';

/**
 * What a request disclosed, once its response is final (src/context/request-disclosure.ts):
 * closed, it keeps its entries — what the quota check, the log and the metrics read — and
 * lets go of the presentations; a record presented afterwards is refused loudly, never left
 * out of the log.
 */

const presented = (id: string, returned: string[]) => ({
  subject: 'RiskFlag' as const, id, prisonerId: 'p-1', ownerAgencyCode: 'PRISONS', clauseIds: ['c-1'],
  withheld: new Map(), returned: new Set(returned), redacted: new Set<string>(),
});

describe('a closed request disclosure', () => {
  it('keeps every record merged over its presentations, and only revealed ones', () => {
    const disclosed = new RequestDisclosure();
    disclosed.track(presented('f-1', ['summary']));
    disclosed.track(presented('f-1', ['category']));
    disclosed.track(presented('f-2', ['summary']));
    disclosed.track(presented('f-3', [])); // loaded, not revealed
    disclosed.close();
    expect(disclosed.entries().map((e) => [e.id, e.fields])).toEqual([['f-1', ['category', 'summary']], ['f-2', ['summary']]]);
    expect(disclosed.entries()).toBe(disclosed.entries());
  });

  it('refuses a record presented after the response was final', () => {
    const disclosed = new RequestDisclosure();
    disclosed.track(presented('f-1', ['summary']));
    disclosed.close();
    expect(() => disclosed.track(presented('f-2', ['summary']))).toThrow(/after the response was final/);
    expect(disclosed.entries().map((e) => e.id)).toEqual(['f-1']);
  });
});
