import type { RequestContext } from '../context/request-context.js';
import { MouEntity } from '../entities/index.js';
import { badUserInput, notFound } from '../errors.js';
import { canSeeMou } from './rules/mou-lifecycle.js';
import { recordId } from '../domain/input.js';
import { loadMouRecord, mouActorOf, withParts, type MouRecord } from './records.js';
import { mouView, type MouView } from './views.js';

/**
 * Reading MoUs. Only the two parties' staff and the inspectorate's auditors see an MoU (every
 * version, drafts included); to anyone else it answers exactly like a missing id.
 */

export interface MouFilter {
  reference?: string | null;
  statuses?: readonly string[] | null;
  /** Only MoUs this agency is a party to (provider or recipient). */
  agency?: string | null;
}

const MAX_MOUS = 500;

/** `mous`: every version the caller may see, by reference then version. */
export async function listMous(ctx: RequestContext, filter: MouFilter | null | undefined): Promise<MouView[]> {
  const actor = mouActorOf(ctx);
  const qb = ctx.dataSource.getRepository(MouEntity).createQueryBuilder('m');
  if (!actor.oversight) {
    qb.andWhere('(m.providerAgencyCode = :agency OR m.recipientAgencyCode = :agency)', { agency: actor.agencyCode });
  }
  if (filter?.reference) qb.andWhere('m.reference = :reference', { reference: filter.reference });
  if (filter?.statuses) qb.andWhere(filter.statuses.length ? 'm.status IN (:...statuses)' : 'FALSE', { statuses: [...filter.statuses] });
  if (filter?.agency) qb.andWhere('(m.providerAgencyCode = :party OR m.recipientAgencyCode = :party)', { party: filter.agency });
  const mous = await qb.orderBy('m.reference').addOrderBy('m.version').limit(MAX_MOUS).getMany();
  return (await withParts(ctx.dataSource.manager, mous)).map((record) => mouView(ctx, record));
}

/** The MoU version by id, if the caller may see it; null otherwise (and for a missing id). */
export async function visibleMouRecord(ctx: RequestContext, id: string): Promise<MouRecord | null> {
  const record = await loadMouRecord(ctx.dataSource.manager, recordId(id));
  return record && canSeeMou(mouActorOf(ctx), record.mou) ? record : null;
}

/**
 * `mou`: one version, by id, or by reference (the latest version unless `version` is given).
 * An MoU the caller may not see answers exactly like one that does not exist.
 */
export async function getMou(ctx: RequestContext, by: { id?: string | null; reference?: string | null; version?: number | null }): Promise<MouView> {
  let record: MouRecord | null = null;
  if (by.id) {
    record = await visibleMouRecord(ctx, by.id);
  } else if (by.reference) {
    const qb = ctx.dataSource.getRepository(MouEntity).createQueryBuilder('m').where('m.reference = :reference', { reference: by.reference });
    if (by.version !== null && by.version !== undefined) qb.andWhere('m.version = :version', { version: by.version });
    const mou = await qb.orderBy('m.version', 'DESC').getOne();
    record = mou && canSeeMou(mouActorOf(ctx), mou) ? (await withParts(ctx.dataSource.manager, [mou]))[0]! : null;
  } else {
    throw badUserInput('mou needs an id or a reference');
  }
  if (!record) throw notFound('MoU');
  return mouView(ctx, record);
}

/** Every version of the MoU's reference (same parties), oldest first. */
export async function versionsOf(ctx: RequestContext, reference: string): Promise<MouView[]> {
  return listMous(ctx, { reference });
}
