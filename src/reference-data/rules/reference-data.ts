import type { AgencyKind, SecurityLevel } from '../../domain/enums.js';
import type { TokenAlgorithm } from '../../auth/trusted-issuers.js';

/**
 * The exchange's reference data: the agencies that take part, the roles their staff may
 * hold, the facilities they run and the token issuers that vouch for their staff. Written in
 * a file (`liaison setup apply`), held in the database, read back through the API.
 */

export interface IssuerKeyDefinition {
  kid: string;
  alg: TokenAlgorithm;
  /** PEM (SPKI) public key, as the database holds it (re-encoded, so equal keys are equal text). */
  publicKey: string;
}

export interface IssuerDefinition {
  issuer: string;
  /** The `aud` its tokens must carry; null: the gateway's LIAISON_JWT_AUDIENCE. */
  audience: string | null;
  /** Keys listed in the file (may be empty when the issuer publishes its keys). */
  keys: IssuerKeyDefinition[];
  /** Where the issuer publishes its signing keys (a JWKS document); null: not named. */
  jwksUri: string | null;
  /** Its published keys are found through OpenID Connect discovery of the issuer URL. */
  discovery: boolean;
  /** Published keys are fetched again this often (seconds); null: the gateway's default (300). */
  keyRefreshSeconds: number | null;
  /** A token naming an unknown key id fetches them again at most this often (seconds); null: the default (30). */
  unknownKeyCooldownSeconds: number | null;
  /** The console's OpenID Connect sign-in with this identity provider (a public client); null: none. */
  oidc: { clientId: string; scope: string | null } | null;
}

/** Whether the issuer publishes its keys (to be fetched), rather than only listing them. */
export const publishesKeys = (issuer: Pick<IssuerDefinition, 'jwksUri' | 'discovery'>): boolean => issuer.jwksUri !== null || issuer.discovery;

export interface RoleDefinition {
  role: string;
  description: string | null;
}

export interface FacilityDefinition {
  code: string;
  name: string;
  securityLevel: SecurityLevel;
}

export interface AgencyDefinition {
  code: string;
  name: string;
  kind: AgencyKind;
  roles: RoleDefinition[];
  facilities: FacilityDefinition[];
  issuers: IssuerDefinition[];
}

export interface ReferenceData {
  agencies: AgencyDefinition[];
}

/** One problem in a reference-data file: where (`agencies[1] (POLICE).issuers[0].keys[0].alg`) and what. */
export interface ReferenceProblem {
  path: string;
  message: string;
}

export const describeReferenceProblem = (problem: ReferenceProblem): string => `${problem.path}: ${problem.message}`;

/** Agencies, roles, facilities and issuers in a stable order, so two readings compare equal. */
export function sortedReferenceData(data: ReferenceData): ReferenceData {
  const by = <T>(key: (item: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    agencies: [...data.agencies].sort(by((a) => a.code)).map((agency) => ({
      ...agency,
      roles: [...agency.roles].sort(by((r) => r.role)),
      facilities: [...agency.facilities].sort(by((f) => f.code)),
      issuers: [...agency.issuers].sort(by((i) => i.issuer)).map((issuer) => ({
        ...issuer, keys: [...issuer.keys].sort(by((k) => k.kid)),
      })),
    })),
  };
}
