import type { DataSource, EntityManager } from 'typeorm';
import { appendAdminEvent, type AdminActor } from '../mou/admin-log.js';
import type { ReferenceData, ReferenceProblem } from './rules/reference-data.js';
import { adminActionOf, diffReferenceData, type ReferenceChange } from './rules/reference-diff.js';
import { readProductionMark, readReferenceData } from './reference-store.js';

/**
 * `liaison setup apply`: makes the database's reference data what the file says, in one
 * transaction, each change with its admin-log event (there is never a change without its
 * record). The first apply marks the database as a production exchange. A dry run computes
 * the same difference and the same refusals, and writes nothing.
 */

export interface ApplyOptions {
  actor: AdminActor;
  dryRun: boolean;
  /** What the admin log records as the request: the file and its SHA-256. */
  request: Record<string, unknown>;
  reason: string | null;
}

export interface ApplyOutcome {
  changes: ReferenceChange[];
  /** The apply marks (or, in a dry run, would mark) the database as production. */
  marksProduction: boolean;
  /** Changes the database refuses (an agency still owning records), every one; nothing applied. */
  problems: ReferenceProblem[];
  applied: boolean;
}

/** Serialises applies to one database: each computes its difference from what the last one left. */
const APPLY_LOCK = 7_324_912;

/**
 * Removing an agency or a facility that records or MoUs still name would orphan them (the
 * foreign keys refuse it anyway): each such removal is reported with what still refers to it,
 * found through the foreign keys themselves, so tables added later are covered too.
 */
async function removalProblems(manager: EntityManager, changes: readonly ReferenceChange[]): Promise<(ReferenceProblem & { change: ReferenceChange })[]> {
  const problems: (ReferenceProblem & { change: ReferenceChange })[] = [];
  const targets = [
    { entity: 'AGENCY', table: 'agency', column: 'code', removedWithIt: ['agency_role', 'facility', 'trusted_issuer'] },
    { entity: 'FACILITY', table: 'facility', column: 'id', removedWithIt: [] as string[] },
  ] as const;
  for (const target of targets) {
    const removals = changes.filter((c) => c.entity === target.entity && c.action === 'REMOVE');
    if (removals.length === 0) continue;
    const references = (await manager.query(`
      SELECT c.conrelid::regclass::text AS referencing, a.attname AS "column"
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f' AND c.confrelid = $1::regclass AND cardinality(c.conkey) = 1
       ORDER BY 1, 2`, [target.table])) as { referencing: string; column: string }[];
    for (const removal of removals) {
      const [row] = (await manager.query(`SELECT ${target.column} AS value FROM ${target.table} WHERE code = $1`, [removal.key])) as { value: string }[];
      const users: string[] = [];
      for (const reference of references) {
        if ((target.removedWithIt as readonly string[]).includes(reference.referencing)) continue;
        const column = `"${reference.column.replaceAll('"', '""')}"`;
        const [used] = (await manager.query(`SELECT EXISTS (SELECT 1 FROM ${reference.referencing} WHERE ${column} = $1) AS used`, [row?.value])) as { used: boolean }[];
        if (used?.used) users.push(`${reference.referencing}.${reference.column}`);
      }
      if (users.length > 0) {
        const what = removal.entity === 'AGENCY' ? `agency ${removal.key}` : `facility ${removal.key} (${removal.agency})`;
        problems.push({
          change: removal,
          path: 'agencies',
          message: `${what} is in the database but not in the file, and cannot be removed: ${users.join(', ')} still refer to it (nothing is ever deleted from under records or MoUs); keep it in the file`,
        });
      }
    }
  }
  return problems;
}

/**
 * A database the demo seed filled never becomes a production exchange: its MoUs are in force,
 * "approved" by nobody, and would govern real records the moment they arrived.
 */
async function demoDataProblems(manager: EntityManager): Promise<ReferenceProblem[]> {
  const [demo] = (await manager.query(`SELECT count(*)::int AS mous FROM mou WHERE created_by = 'seed'`)) as { mous: number }[];
  return demo && demo.mous > 0
    ? [{ path: 'database', message: `holds the demo data set (${demo.mous} MoUs loaded by \`liaison seed\`): a production exchange starts from an empty database` }]
    : [];
}

async function writeChange(manager: EntityManager, change: ReferenceChange): Promise<void> {
  switch (change.entity) {
    case 'AGENCY': {
      const a = change.after;
      if (change.action === 'ADD') await manager.query('INSERT INTO agency (code, name, kind) VALUES ($1, $2, $3)', [a!.code, a!.name, a!.kind]);
      else if (change.action === 'UPDATE') await manager.query('UPDATE agency SET name = $2, kind = $3 WHERE code = $1', [a!.code, a!.name, a!.kind]);
      else await manager.query('DELETE FROM agency WHERE code = $1', [change.key]);
      return;
    }
    case 'ROLE': {
      const r = change.after;
      if (change.action === 'ADD') await manager.query('INSERT INTO agency_role (agency_code, role, description) VALUES ($1, $2, $3)', [change.agency, r!.role, r!.description]);
      else if (change.action === 'UPDATE') await manager.query('UPDATE agency_role SET description = $3 WHERE agency_code = $1 AND role = $2', [change.agency, r!.role, r!.description]);
      else await manager.query('DELETE FROM agency_role WHERE agency_code = $1 AND role = $2', [change.agency, change.key]);
      return;
    }
    case 'FACILITY': {
      const f = change.after;
      if (change.action === 'ADD') {
        await manager.query('INSERT INTO facility (owner_agency_code, code, name, security_level) VALUES ($1, $2, $3, $4)', [f!.agency, f!.code, f!.name, f!.securityLevel]);
      } else if (change.action === 'UPDATE') {
        await manager.query('UPDATE facility SET owner_agency_code = $2, name = $3, security_level = $4 WHERE code = $1', [f!.code, f!.agency, f!.name, f!.securityLevel]);
      } else {
        await manager.query('DELETE FROM facility WHERE code = $1', [change.key]);
      }
      return;
    }
    case 'ISSUER': {
      const i = change.after;
      const values = i && [
        i.issuer, i.agency, i.audience, JSON.stringify(i.keys), i.jwksUri, i.discovery, i.keyRefreshSeconds, i.unknownKeyCooldownSeconds,
        i.oidc?.clientId ?? null, i.oidc?.scope ?? null,
      ];
      if (change.action === 'ADD') {
        await manager.query(`INSERT INTO trusted_issuer (issuer, agency_code, audience, keys, jwks_uri, discovery, key_refresh_seconds, unknown_key_cooldown_seconds, oidc_client_id, oidc_scope)
          VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10)`, values!);
      } else if (change.action === 'UPDATE') {
        await manager.query(`UPDATE trusted_issuer SET agency_code = $2, audience = $3, keys = $4::jsonb, jwks_uri = $5, discovery = $6, key_refresh_seconds = $7,
          unknown_key_cooldown_seconds = $8, oidc_client_id = $9, oidc_scope = $10, updated_at = now() WHERE issuer = $1`, values!);
      } else {
        await manager.query('DELETE FROM trusted_issuer WHERE issuer = $1', [change.key]);
      }
      return;
    }
  }
}

/** The agencies whose MOU_ADMINs read a change in the admin log: its agency, before and after. */
function partiesOf(change: ReferenceChange): string[] {
  const moved = [change.before, change.after].map((entry) => (entry && 'agency' in entry ? entry.agency : null)).filter((a): a is string => a !== null);
  return [...new Set([change.agency, ...moved])];
}

export async function applyReferenceData(dataSource: DataSource, desired: ReferenceData, options: ApplyOptions): Promise<ApplyOutcome> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  let committed = false;
  try {
    await runner.startTransaction();
    const manager = runner.manager;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [APPLY_LOCK]);
    const [schema] = (await manager.query(`SELECT to_regclass('trusted_issuer') IS NOT NULL AS migrated`)) as { migrated: boolean }[];
    if (!schema?.migrated) throw new Error('the database has no Liaison schema (or an old one): run `liaison migrate` first');
    const changes = diffReferenceData(await readReferenceData(manager), desired);
    const marksProduction = (await readProductionMark(manager)) === null;
    const refused = await removalProblems(manager, changes);
    const problems = [...(marksProduction ? await demoDataProblems(manager) : []), ...refused.map(({ path, message }) => ({ path, message }))];
    if (refused.length > 0 && !options.dryRun) {
      // Like every refused administrative action: logged after the change is rolled back.
      await runner.rollbackTransaction();
      await dataSource.transaction(async (log) => {
        for (const { change, message } of refused) {
          await appendAdminEvent(log, options.actor, {
            action: adminActionOf(change), parties: partiesOf(change), reason: options.reason, request: options.request,
            before: change.before, refusal: { code: 'BAD_USER_INPUT', rule: 'REFERENCE_IN_USE', message },
          });
        }
      });
    }
    if (problems.length > 0 || options.dryRun || (changes.length === 0 && !marksProduction)) {
      return { changes, marksProduction, problems, applied: false };
    }
    for (const change of changes) {
      await writeChange(manager, change);
      await appendAdminEvent(manager, options.actor, {
        action: adminActionOf(change), parties: partiesOf(change), reason: options.reason,
        request: options.request, before: change.before, after: change.after,
      });
    }
    if (marksProduction) {
      await manager.query(`INSERT INTO deployment (id, mode, marked_by) VALUES (1, 'production', $1)`, [options.actor.userId]);
      // Read by auditors only: it concerns the exchange, not one agency.
      await appendAdminEvent(manager, options.actor, {
        action: 'MARK_PRODUCTION', parties: [], reason: options.reason, request: options.request, after: { mode: 'production' },
      });
    }
    await runner.commitTransaction();
    committed = true;
    return { changes, marksProduction, problems, applied: true };
  } finally {
    if (!committed && runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}
