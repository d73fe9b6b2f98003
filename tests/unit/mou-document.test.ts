import { describe, expect, it } from 'vitest';
import { documentFromDraft, draftFromDocument, formatMouDocument, MAX_DOCUMENT_BYTES, parseMouDocument } from '../../src/mou/rules/mou-document.js';
import { DEMO_MOUS } from '../../src/seed/demo-mous.js';

describe('MoU documents (YAML)', () => {
  it.each(DEMO_MOUS.map((d) => [d.reference, d] as const))('%s round-trips: format → parse, and document → draft → document', (_reference, document) => {
    const text = formatMouDocument(document, ['a header']);
    expect(text.startsWith('# a header\nreference: ')).toBe(true);
    expect(parseMouDocument(text)).toEqual({ document: JSON.parse(JSON.stringify(document)), problems: [] });
    const draft = draftFromDocument(document);
    expect(documentFromDraft({ ...draft.terms, version: document.version }, draft.clauses)).toEqual(document);
  });

  it('keeps ISO timestamps as text and accepts an open-ended validity', () => {
    const text = formatMouDocument({ ...DEMO_MOUS[0]!, validUntil: null });
    expect(text).toContain('validUntil: null');
    const { document } = parseMouDocument(text);
    expect(document!.validFrom).toBe('2025-01-01T00:00:00.000Z');
    expect(document!.validUntil).toBeNull();
  });

  it('reports every structural problem, naming the clause and key', () => {
    const text = `reference: MOU-PRISONS-POLICE-09
version: one
title: T
provider: PRISONS
recipient: POLICE
purposes: COUNTER_TERRORISM
validFrom: 'next tuesday'
validUntil: null
extra: 1
clauses:
  - label: First
    subject: RiskFlag
    fields: [id]
    conditions: [not, a, mapping]
    purposes: [COUNTER_TERRORISM]
    recipientRoles: [ANALYST]
    maxTlp: AMBER
    onwardDisclosure: NONE
    retentionDays: 30
  - just text
`;
    const { document, problems } = parseMouDocument(text);
    expect(document).toBeNull();
    expect(problems.map((p) => [p.position, p.clause, p.path])).toEqual([
      [null, null, 'extra'],
      [null, null, 'version'],
      [null, null, 'legalBasis'],
      [null, null, 'purposes'],
      [null, null, 'validFrom'],
      [0, 'First', 'conditions'],
      [0, 'First', 'caseReferenceRequired'],
      [1, null, 'clause'],
    ]);
  });

  it('reports YAML errors with their position, refuses duplicate keys, custom tags and oversized input', () => {
    expect(parseMouDocument('reference: a\nreference: b\n').problems[0]).toMatchObject({ path: expect.stringMatching(/^line \d+, column \d+$/), message: expect.stringContaining('unique') });
    expect(parseMouDocument('reference: !!js/function "x"\n').problems.length).toBeGreaterThan(0);
    expect(parseMouDocument('- a\n- b\n').problems).toEqual([expect.objectContaining({ path: 'document', message: expect.stringContaining('must be a mapping') })]);
    expect(parseMouDocument(`title: ${'x'.repeat(MAX_DOCUMENT_BYTES)}`).problems).toEqual([expect.objectContaining({ message: expect.stringContaining('larger than') })]);
  });

  it.each([
    ['a custom tag', '!custom'], ['a language-specific tag', '!!js/function'], ['!!binary', '!!binary'], ['!!timestamp', '!!timestamp'],
  ])('refuses a complete, otherwise valid document with %s rather than keeping the tagged text', (_, tag) => {
    const valid = formatMouDocument(DEMO_MOUS[0]!);
    expect(parseMouDocument(valid).problems).toEqual([]);
    const tagged = valid.replace(/^title: /m, `title: ${tag} `);
    expect(tagged).not.toBe(valid);
    const { document, problems } = parseMouDocument(tagged);
    expect(document).toBeNull();
    expect(problems).toEqual([{
      position: null, clause: null, path: expect.stringMatching(/^line \d+, column \d+$/),
      message: expect.stringMatching(/^the tag .+ is not accepted \(YAML 1\.2 core schema only\)$/),
    }]);
  });

  it('refuses alias bombs', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    const { document, problems } = parseMouDocument(bomb);
    expect(document).toBeNull();
    expect(problems.length).toBeGreaterThan(0);
  });
});
