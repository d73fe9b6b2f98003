import {
  CUSTODY_STATUSES, GENDERS, ONWARD_DISCLOSURES, RISK_FLAG_BASES, RISK_FLAG_CATEGORIES, RISK_FLAG_STATUSES,
  RISK_LEVELS, TLPS, VEP_STATUSES,
} from '../../src/domain/enums.js';
import { PrisonerEntity, RiskFlagEntity } from '../../src/entities/index.js';
import type { TestDatabase } from './database.js';

/**
 * The rows of the parity property test (docs/architecture.md §2.5): a fresh agency pair and
 * prisoners / risk flags with every value of every enum, NULLs in every nullable column the
 * policy may test, and dates and timestamps spread around a fixed clock — many of them exactly
 * on the boundaries that conditions produce (now ± n days, UTC midnights), where an
 * off-by-one between SQL and memory would show.
 */

export const PARITY_PROVIDER = 'PARITY_A';
export const PARITY_RECIPIENT = 'PARITY_B';
/** A demo agency that also owns some of the generated rows. */
export const DEMO_OWNER = 'PRISONS';
export const PARITY_ROLES = ['ANALYST', 'HEALTH_STAFF', 'PROBATION_OFFICER', 'MOU_ADMIN'] as const;

const DAY_MS = 86_400_000;

/** A small deterministic PRNG (mulberry32), so rows are the same for the same seed. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(values: readonly T[]): T => values[int(0, values.length - 1)]!;
  const chance = (p: number): boolean => next() < p;
  const hex = (n: number): string => Array.from({ length: n }, () => int(0, 15).toString(16)).join('');
  const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  return { next, int, pick, chance, uuid };
}
type Random = ReturnType<typeof createRandom>;

export interface ParityData {
  now: Date;
  prisonerIds: string[];
  riskFlagIds: string[];
  /** Rows as the application loads them (TypeORM entities: dates as 'YYYY-MM-DD', timestamps as Date). */
  prisoners: PrisonerEntity[];
  riskFlags: RiskFlagEntity[];
  facilityIds: string[];
}

const isoDay = (now: Date, days: number): string => new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
const midnight = (now: Date, days: number): Date => new Date(`${isoDay(now, days)}T00:00:00.000Z`);

/** A date near `now`: often exactly on a boundary a relative-date condition produces. */
function dateNear(rng: Random, now: Date, nullShare: number): string | null {
  if (rng.chance(nullShare)) return null;
  if (rng.chance(0.35)) return isoDay(now, rng.pick([-181, -180, -31, -30, -1, 0, 1, 29, 30, 179, 180, 181, 365]));
  return isoDay(now, rng.int(-500, 900));
}

/** A timestamp near `now`: exact multiples of a day from now, UTC midnights, or any millisecond. */
function timestampNear(rng: Random, now: Date): Date {
  const roll = rng.next();
  if (roll < 0.3) return new Date(now.getTime() + rng.int(-60, 60) * DAY_MS);
  if (roll < 0.5) return midnight(now, rng.int(-60, 60));
  return new Date(now.getTime() + rng.int(-400 * DAY_MS, 400 * DAY_MS));
}

const maybe = <T>(rng: Random, share: number, value: () => T): T | null => (rng.chance(share) ? null : value());

export async function insertParityData(db: TestDatabase, now: Date, seed: number): Promise<ParityData> {
  const rng = createRandom(seed ^ 0x5eed);
  await db.sql(`INSERT INTO agency (code, name, kind) VALUES ($1, 'Parity provider', 'OTHER'), ($2, 'Parity recipient', 'OTHER')`,
    [PARITY_PROVIDER, PARITY_RECIPIENT]);
  for (const role of PARITY_ROLES) {
    await db.sql(`INSERT INTO agency_role (agency_code, role) VALUES ($1, $2), ($3, $2)`, [PARITY_RECIPIENT, role, PARITY_PROVIDER]);
  }
  const facilityIds = (await db.sql<{ id: string }>(`SELECT id FROM facility ORDER BY code LIMIT 3`)).map((r) => r.id);
  if (facilityIds.length === 0) throw new Error('parity data: the demo seed has no facility');

  const owners: [string, number][] = [[PARITY_PROVIDER, 60], [PARITY_RECIPIENT, 12], [DEMO_OWNER, 12]];
  const prisonerIds: string[] = [];
  const prisonerOwner = new Map<string, string>();
  let n = 0;
  for (const [owner, count] of owners) {
    for (let i = 0; i < count; i++) {
      const id = rng.uuid();
      prisonerIds.push(id);
      prisonerOwner.set(id, owner);
      n++;
      await db.sql(
        `INSERT INTO prisoner (id, owner_agency_code, prison_number, national_id, full_name, date_of_birth, gender,
           nationality, facility_id, custody_status, vep_status, expected_release_date, religion, health_notes,
           tlp, handling_code, onward_disclosure, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)`,
        [
          id, owner, `PARITY-${String(n).padStart(4, '0')}`,
          maybe(rng, 0.25, () => rng.pick(['N-100', 'N-101', 'N-102', 'N-103'])),
          `Parity Person ${n}`,
          maybe(rng, 0.2, () => isoDay(now, -rng.int(18 * 365, 70 * 365))),
          maybe(rng, 0.2, () => rng.pick(GENDERS)),
          maybe(rng, 0.25, () => rng.pick(['FR', 'GB', 'SY', 'IQ', 'DE'])),
          maybe(rng, 0.3, () => rng.pick(facilityIds)),
          rng.pick(CUSTODY_STATUSES),
          rng.pick(VEP_STATUSES),
          dateNear(rng, now, 0.25),
          maybe(rng, 0.5, () => 'parity religion'),
          maybe(rng, 0.5, () => 'parity health note'),
          rng.pick(TLPS),
          maybe(rng, 0.3, () => rng.pick(['P', 'C', 'H0', 'H2'])),
          rng.pick(ONWARD_DISCLOSURES),
          timestampNear(rng, now),
        ],
      );
    }
  }

  const flagOwners: [string, number][] = [[PARITY_PROVIDER, 150], [PARITY_RECIPIENT, 25], [DEMO_OWNER, 25]];
  const riskFlagIds: string[] = [];
  for (const [owner, count] of flagOwners) {
    const ownPrisoners = prisonerIds.filter((id) => prisonerOwner.get(id) === owner);
    for (let i = 0; i < count; i++) {
      const id = rng.uuid();
      riskFlagIds.push(id);
      // Mostly the owner's own prisoners; some about another agency's prisoner.
      const prisonerId = rng.chance(0.85) ? rng.pick(ownPrisoners) : rng.pick(prisonerIds);
      await db.sql(
        `INSERT INTO risk_flag (id, owner_agency_code, prisoner_id, category, severity, status, basis, summary,
           raised_at, review_date, tlp, handling_code, onward_disclosure, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
        [
          id, owner, prisonerId,
          rng.pick(RISK_FLAG_CATEGORIES), rng.pick(RISK_LEVELS), rng.pick(RISK_FLAG_STATUSES),
          maybe(rng, 0.25, () => rng.pick(RISK_FLAG_BASES)),
          maybe(rng, 0.2, () => `parity summary ${i}`),
          timestampNear(rng, now),
          dateNear(rng, now, 0.3),
          rng.pick(TLPS),
          maybe(rng, 0.3, () => rng.pick(['P', 'C', 'H0', 'H2'])),
          rng.pick(ONWARD_DISCLOSURES),
          timestampNear(rng, now),
        ],
      );
    }
  }

  const prisoners = await loadPrisoners(db, prisonerIds);
  const riskFlags = await loadRiskFlags(db, riskFlagIds);
  return { now, prisonerIds, riskFlagIds, prisoners, riskFlags, facilityIds };
}

/** Prisoners as the application loads them. */
export function loadPrisoners(db: TestDatabase, ids: string[]): Promise<PrisonerEntity[]> {
  return db.dataSource.getRepository(PrisonerEntity).createQueryBuilder('record')
    .where('record.id IN (:...ids)', { ids })
    .getMany();
}

/** Risk flags as the application loads them, with the owning prisoner nested under `prisoner`. */
export function loadRiskFlags(db: TestDatabase, ids: string[]): Promise<RiskFlagEntity[]> {
  return db.dataSource.getRepository(RiskFlagEntity).createQueryBuilder('record')
    .leftJoinAndSelect('record.prisoner', 'prisoner')
    .where('record.id IN (:...ids)', { ids })
    .getMany();
}
