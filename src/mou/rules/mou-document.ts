import { Document, isScalar, parseDocument, visit } from 'yaml';
import type { OnwardDisclosure, Purpose, Tlp } from '../../domain/enums.js';
import type { ClauseDraft, MouProblem, MouTermsDraft } from './mou-validation.js';
import type { WrittenClause } from '../../policies/clause.js';

/**
 * An MoU as the document the agencies sign: the shape of the demo MoUs (src/seed/demo-mous.ts)
 * and of the YAML files `liaison mou export` writes and `liaison mou import` reads. Parsing
 * here checks the document's structure (keys, types); what the terms and clauses mean is
 * checked by mou-validation.ts, exactly as for a draft written through the API.
 */

/** A clause as signed: the written clause terms; conditions and the daily quota are optional keys. */
export type ClauseDocument = Omit<WrittenClause, 'conditions' | 'dailyRecordQuota'> & {
  conditions?: Record<string, unknown>;
  /** Optional term: records per recipient agency per UTC day. */
  dailyRecordQuota?: number;
};

export interface MouDocument {
  reference: string;
  version: number;
  title: string;
  provider: string;
  recipient: string;
  legalBasis: string;
  purposes: Purpose[];
  validFrom: string;
  validUntil: string | null;
  clauses: ClauseDocument[];
}

/** Key order of the YAML file: the order of the signed text. */
const MOU_KEYS = ['reference', 'version', 'title', 'provider', 'recipient', 'legalBasis', 'purposes', 'validFrom', 'validUntil', 'clauses'] as const;
const CLAUSE_KEYS = [
  'label', 'subject', 'fields', 'conditions', 'purposes', 'recipientRoles', 'maxTlp', 'onwardDisclosure',
  'retentionDays', 'caseReferenceRequired', 'dailyRecordQuota',
] as const;
const OPTIONAL_CLAUSE_KEYS = new Set<string>(['conditions', 'dailyRecordQuota']);

/** The largest document accepted (far above any real MoU; keeps parsing bounded). */
export const MAX_DOCUMENT_BYTES = 256 * 1024;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

type Shape = 'string' | 'integer' | 'boolean' | 'strings' | 'object' | 'instant' | 'instant-or-null';

const MOU_SHAPES: Record<(typeof MOU_KEYS)[number], Shape | 'clauses'> = {
  reference: 'string', version: 'integer', title: 'string', provider: 'string', recipient: 'string',
  legalBasis: 'string', purposes: 'strings', validFrom: 'instant', validUntil: 'instant-or-null', clauses: 'clauses',
};
const CLAUSE_SHAPES: Record<(typeof CLAUSE_KEYS)[number], Shape> = {
  label: 'string', subject: 'string', fields: 'strings', conditions: 'object', purposes: 'strings',
  recipientRoles: 'strings', maxTlp: 'string', onwardDisclosure: 'string', retentionDays: 'integer',
  caseReferenceRequired: 'boolean', dailyRecordQuota: 'integer',
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function shapeProblem(value: unknown, shape: Shape): string | null {
  switch (shape) {
    case 'string': return typeof value === 'string' ? null : 'must be text';
    case 'integer': return Number.isInteger(value) ? null : 'must be a whole number';
    case 'boolean': return typeof value === 'boolean' ? null : 'must be true or false';
    case 'strings': return Array.isArray(value) && value.every((v) => typeof v === 'string') ? null : 'must be a list of names';
    case 'object': return isPlainObject(value) ? null : 'must be a mapping (the condition language of docs/architecture.md §2.4)';
    case 'instant': return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(new Date(value).getTime())
      ? null : 'must be an ISO 8601 date or timestamp with a time zone, e.g. 2026-01-01T00:00:00.000Z';
    case 'instant-or-null': return value === null ? null : shapeProblem(value, 'instant');
  }
}

/**
 * Reads a YAML MoU document. Returns the document, or every problem found (YAML syntax,
 * unknown or missing keys, wrong types), each naming the clause and key.
 */
export function parseMouDocument(text: string): { document: MouDocument | null; problems: MouProblem[] } {
  const problems: MouProblem[] = [];
  const top = (path: string, message: string) => problems.push({ position: null, clause: null, path, message });
  if (Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES) {
    top('document', `larger than ${MAX_DOCUMENT_BYTES} bytes`);
    return { document: null, problems };
  }
  // The core schema: dates stay strings; few aliases (no "billion laughs"). A tag outside the
  // core schema (`!custom`, `!!binary`, `!!timestamp`, `!!js/function`) is refused: the yaml
  // library would only warn and keep the text, silently storing something its author did not mean.
  const parsed = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: true, resolveKnownTags: false });
  for (const error of [...parsed.errors, ...parsed.warnings]) {
    const line = error.linePos?.[0];
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
      .replace(/^Unresolved tag: (.*)$/, 'the tag $1 is not accepted (YAML 1.2 core schema only)');
    top(line ? `line ${line.line}, column ${line.col}` : 'document', message);
  }
  if (problems.length > 0) return { document: null, problems };
  let root: unknown;
  try {
    root = parsed.toJS({ maxAliasCount: 10 });
  } catch (error) {
    // e.g. "Excessive alias count indicates a resource exhaustion attack"
    top('document', (error as Error).message);
    return { document: null, problems };
  }
  if (!isPlainObject(root)) {
    top('document', 'must be a mapping with the keys reference, version, title, provider, recipient, legalBasis, purposes, validFrom, validUntil, clauses');
    return { document: null, problems };
  }
  for (const key of Object.keys(root)) {
    if (!(MOU_KEYS as readonly string[]).includes(key)) top(key, `unknown key (expected one of ${MOU_KEYS.join(', ')})`);
  }
  for (const key of MOU_KEYS) {
    if (!(key in root)) {
      top(key, 'missing');
      continue;
    }
    const shape = MOU_SHAPES[key];
    if (shape === 'clauses') {
      if (!Array.isArray(root.clauses)) top('clauses', 'must be a list of clauses');
      continue;
    }
    const problem = shapeProblem(root[key], shape);
    if (problem) top(key, problem);
  }
  const clauses = Array.isArray(root.clauses) ? root.clauses : [];
  clauses.forEach((clause: unknown, position) => {
    const label = isPlainObject(clause) && typeof clause.label === 'string' ? clause.label : null;
    const at = (path: string, message: string) => problems.push({ position, clause: label, path, message });
    if (!isPlainObject(clause)) {
      at('clause', 'must be a mapping');
      return;
    }
    for (const key of Object.keys(clause)) {
      if (!(CLAUSE_KEYS as readonly string[]).includes(key)) at(key, `unknown key (expected one of ${CLAUSE_KEYS.join(', ')})`);
    }
    for (const key of CLAUSE_KEYS) {
      if (!(key in clause)) {
        if (!OPTIONAL_CLAUSE_KEYS.has(key)) at(key, 'missing');
        continue;
      }
      const problem = shapeProblem(clause[key], CLAUSE_SHAPES[key]);
      if (problem) at(key, problem);
    }
  });
  return problems.length > 0 ? { document: null, problems } : { document: root as unknown as MouDocument, problems };
}

/** The comment an exported document starts with. */
export const exportHeader = (document: Pick<MouDocument, 'reference' | 'version'>, status: string): string[] => [
  `Liaison MoU document: ${document.reference} v${document.version}, ${status} when exported.`,
  'Import with `npx liaison mou import <file> [--as <user>]`: creates a DRAFT (the version number is assigned on import).',
];

/** The document as YAML, keys in the order of the signed text; `header` lines become comments. */
export function formatMouDocument(document: MouDocument, header: readonly string[] = []): string {
  const ordered = {
    ...Object.fromEntries(MOU_KEYS.filter((k) => k !== 'clauses').map((k) => [k, document[k]])),
    clauses: document.clauses.map((clause) => Object.fromEntries(
      CLAUSE_KEYS.filter((k) => clause[k] !== undefined).map((k) => [k, clause[k]]),
    )),
  };
  const yaml = new Document(ordered, { aliasDuplicateObjects: false });
  // Lists of names on one line (fields, purposes, roles); mappings and clauses as blocks.
  visit(yaml, { Seq: (_key, node) => { if (node.items.every((item) => isScalar(item))) node.flow = true; } });
  const comments = header.map((line) => `# ${line}`.trimEnd()).join('\n');
  return `${comments ? `${comments}\n` : ''}${yaml.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
}

/** The document's terms and clauses in the form the validator and the draft service use. */
export function draftFromDocument(document: MouDocument): { terms: MouTermsDraft; clauses: ClauseDraft[] } {
  return {
    terms: {
      reference: document.reference,
      title: document.title,
      providerAgencyCode: document.provider,
      recipientAgencyCode: document.recipient,
      legalBasis: document.legalBasis,
      purposes: document.purposes,
      validFrom: new Date(document.validFrom),
      validUntil: document.validUntil === null ? null : new Date(document.validUntil),
    },
    clauses: document.clauses.map((clause) => ({
      label: clause.label,
      subjectType: clause.subject,
      fields: clause.fields,
      conditions: clause.conditions ?? null,
      purposes: clause.purposes,
      recipientRoles: clause.recipientRoles,
      maxTlp: clause.maxTlp,
      onwardDisclosure: clause.onwardDisclosure,
      retentionDays: clause.retentionDays,
      caseReferenceRequired: clause.caseReferenceRequired,
      dailyRecordQuota: clause.dailyRecordQuota ?? null,
    })),
  };
}

/** An MoU version as a document (for export). */
export function documentFromDraft(
  terms: MouTermsDraft & { version: number },
  clauses: readonly ClauseDraft[],
): MouDocument {
  return {
    reference: terms.reference,
    version: terms.version,
    title: terms.title,
    provider: terms.providerAgencyCode,
    recipient: terms.recipientAgencyCode,
    legalBasis: terms.legalBasis,
    purposes: [...terms.purposes] as Purpose[],
    validFrom: terms.validFrom.toISOString(),
    validUntil: terms.validUntil === null ? null : terms.validUntil.toISOString(),
    clauses: clauses.map((clause) => ({
      label: clause.label,
      subject: clause.subjectType,
      fields: [...clause.fields],
      ...(clause.conditions === null || clause.conditions === undefined ? {} : { conditions: clause.conditions as Record<string, unknown> }),
      purposes: [...clause.purposes] as Purpose[],
      recipientRoles: [...clause.recipientRoles],
      maxTlp: clause.maxTlp as Tlp,
      onwardDisclosure: clause.onwardDisclosure as OnwardDisclosure,
      retentionDays: clause.retentionDays,
      caseReferenceRequired: clause.caseReferenceRequired,
      ...(clause.dailyRecordQuota === null ? {} : { dailyRecordQuota: clause.dailyRecordQuota }),
    })),
  };
}
