import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import { MouEntity } from '../entities/index.js';
import { invalidMou } from '../errors.js';
import {
  documentFromDraft, draftFromDocument, exportHeader, formatMouDocument, parseMouDocument, type MouDocument,
} from './rules/mou-document.js';
import { AMENDABLE_STATUSES, commandRefusal } from './rules/mou-lifecycle.js';
import { describeProblem, mouProblems } from './rules/mou-validation.js';
import { administer, refuse, subjectOf } from './administration.js';
import { assertValid, insertDraft } from './drafts.js';
import { startAmendment } from './transitions.js';
import { auditSnapshotOf, clauseDraftOf, lifecycleStateOf, loadAgencyRoles, loadMouRecord, mouActorOf, termsOf, withParts } from './records.js';
import { mouView, type MouView } from './views.js';

/**
 * MoUs as documents (issue 3, item 6): YAML in the shape of src/mou/rules/mou-document.ts.
 * An import creates a DRAFT — version 1 of a new reference, or the next version of an MoU in
 * force (an amendment) — validated exactly as a draft written through the API, and logged.
 */

export interface ExportedMou {
  document: MouDocument;
  status: string;
  text: string;
}

/** The signed text of one version (the latest unless `version` is given), for `liaison mou export`. */
export async function exportMouDocument(manager: EntityManager, reference: string, version?: number): Promise<ExportedMou> {
  const qb = manager.getRepository(MouEntity).createQueryBuilder('m').where('m.reference = :reference', { reference });
  if (version !== undefined) qb.andWhere('m.version = :version', { version });
  const mou = await qb.orderBy('m.version', 'DESC').getOne();
  if (!mou) throw new Error(`no MoU ${reference}${version !== undefined ? ` version ${version}` : ''}`);
  const [record] = await withParts(manager, [mou]);
  const document = documentFromDraft({ ...termsOf(mou), version: mou.version }, record!.clauses.map(clauseDraftOf));
  const text = formatMouDocument(document, exportHeader(document, mou.status));
  return { document, status: mou.status, text };
}

/** `liaison mou import`: a draft from a YAML document, for the caller's agency as provider. */
export function importMouDocument(ctx: RequestContext, text: string): Promise<MouView> {
  const parsed = parseMouDocument(text);
  const request: Record<string, unknown> = parsed.document ? { document: parsed.document } : { text: text.slice(0, 65_536) };
  const actor = mouActorOf(ctx);
  return administer(ctx, 'IMPORT', request, async (tx, journal, scope) => {
    if (!parsed.document) throw invalidMou(parsed.problems, describeProblem);
    const { terms, clauses } = draftFromDocument(parsed.document);
    if (terms.providerAgencyCode !== actor.agencyCode) {
      refuse({
        code: 'FORBIDDEN', rule: 'PROVIDER_ONLY',
        message: `Refused (PROVIDER_ONLY): the document's provider is ${terms.providerAgencyCode}; only its own MOU_ADMINs draft its MoUs (you act for ${actor.agencyCode})`,
      });
    }
    const [latest] = (await tx.query('SELECT id FROM mou WHERE reference = $1 ORDER BY version DESC LIMIT 1', [terms.reference])) as { id: string }[];
    if (!latest) return insertDraft(ctx, tx, journal, 'IMPORT', terms, clauses, request);

    // An existing reference: the document amends the version in force.
    const [inForce] = (await tx.query(
      'SELECT id FROM mou WHERE reference = $1 AND status = ANY($2) ORDER BY version DESC LIMIT 1', [terms.reference, AMENDABLE_STATUSES],
    )) as { id: string }[];
    const record = (await loadMouRecord(tx, (inForce ?? latest).id, { lock: true }))!;
    scope.record = record;
    refuse(commandRefusal('AMEND', actor, lifecycleStateOf(record), ctx.now));
    assertValid(mouProblems(terms, clauses, await loadAgencyRoles(tx), ctx.now));
    const draft = await startAmendment(tx, record, actor, clauses, terms);
    await journal.record({
      action: 'IMPORT', mou: subjectOf(draft), request,
      before: { amends: { id: record.mou.id, reference: record.mou.reference, version: record.mou.version, status: record.mou.status } },
      after: auditSnapshotOf(draft),
    });
    return mouView(ctx, draft);
  });
}
