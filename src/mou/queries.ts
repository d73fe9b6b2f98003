import type { RequestContext } from '../context/request-context.js';
import { MouEntity } from '../entities/index.js';
import { badUserInput, notFound } from '../errors.js';
import { canSeeMou } from './rules/mou-lifecycle.js';
import { pageSize, recordId } from '../domain/input.js';
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

/** A bound on the versions of one reference (`Mou.versions`), far above any real history. */
const MAX_VERSIONS = 500;

export interface MouConnection {
  edges: { cursor: string; node: MouView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}

/** A page position: the reference and version of the last MoU version of the previous page. */
const encodeCursor = (reference: string, version: number): string => Buffer.from(JSON.stringify(['mou', reference, version]), 'utf8').toString('base64url');

function decodeCursor(cursor: string): { reference: string; version: number } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (!Array.isArray(value) || value.length !== 3 || value[0] !== 'mou' || typeof value[1] !== 'string' || value[1].length > 100
    || !Number.isSafeInteger(value[2]) || (value[2] as number) < 1) {
    throw badUserInput('after is not a cursor of this list');
  }
  return { reference: value[1], version: value[2] as number };
}

/** The caller's visible MoU versions matching the filter, as a query (not yet ordered or paged). */
function visibleMous(ctx: RequestContext, filter: MouFilter | null | undefined) {
  const actor = mouActorOf(ctx);
  const qb = ctx.dataSource.getRepository(MouEntity).createQueryBuilder('m');
  if (!actor.oversight) {
    qb.andWhere('(m.providerAgencyCode = :agency OR m.recipientAgencyCode = :agency)', { agency: actor.agencyCode });
  }
  if (filter?.reference) qb.andWhere('m.reference = :reference', { reference: filter.reference });
  if (filter?.statuses) qb.andWhere(filter.statuses.length ? 'm.status IN (:...statuses)' : 'FALSE', { statuses: [...filter.statuses] });
  if (filter?.agency) qb.andWhere('(m.providerAgencyCode = :party OR m.recipientAgencyCode = :party)', { party: filter.agency });
  return qb;
}

/** `mous`: a page of the versions the caller may see, by reference then version. */
export async function listMous(
  ctx: RequestContext, filter: MouFilter | null | undefined, page: { first?: number | null; after?: string | null } = {},
): Promise<MouConnection> {
  const first = pageSize(page.first);
  const qb = visibleMous(ctx, filter);
  const counted = qb.clone();
  if (page.after) {
    const after = decodeCursor(page.after);
    qb.andWhere('(m.reference, m.version) > (:afterReference, :afterVersion)', { afterReference: after.reference, afterVersion: after.version });
  }
  const rows = first === 0 ? [] : await qb.orderBy('m.reference').addOrderBy('m.version').limit(first + 1).getMany();
  const views = (await withParts(ctx.dataSource.manager, rows.slice(0, first))).map((record) => mouView(ctx, record));
  const edges = views.map((node) => ({ cursor: encodeCursor(node.reference, node.version), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => counted.getCount(),
  };
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
  const mous = await visibleMous(ctx, { reference }).orderBy('m.version').limit(MAX_VERSIONS).getMany();
  return (await withParts(ctx.dataSource.manager, mous)).map((record) => mouView(ctx, record));
}
