import { GraphQLDateTimeISO } from './date-scalars.js';
import { Field, ObjectType } from 'type-graphql';
import { AgencyKind, SecurityLevel } from './enums.type.js';

@ObjectType({ simpleResolvers: true, description: 'A role an agency\'s staff may hold; tokens naming any other role are refused.' })
export class AgencyRoleDefinition {
  @Field(() => String, { description: 'The role\'s name, as tokens carry it.' })
  role!: string;

  @Field(() => String, { nullable: true, description: 'What the role is for.' })
  description!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A facility an agency runs.' })
export class FacilityDefinition {
  @Field(() => String, { description: 'The facility\'s code, unique across the exchange.' })
  code!: string;

  @Field(() => String, { description: 'The facility\'s name.' })
  name!: string;

  @Field(() => SecurityLevel, { description: 'Its security level.' })
  securityLevel!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A public key an issuer signs tokens with.' })
export class IssuerKey {
  @Field(() => String, { description: 'Key id (`kid` in the token header).' })
  kid!: string;

  @Field(() => String, { description: 'RS256 or ES256.' })
  alg!: string;

  @Field(() => String, { description: 'SHA-256 of the key (DER, SPKI), base64: compare it with the identity provider\'s.' })
  fingerprint!: string;

  @Field(() => String, { description: 'The public key, PEM (SPKI). Private keys are never accepted nor held.' })
  publicKey!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A token issuer applied to the database, bound to one agency: its tokens act for that agency.' })
export class TrustedIssuerDefinition {
  @Field(() => String, { description: 'The `iss` of its tokens.' })
  issuer!: string;

  @Field(() => String, { nullable: true, description: 'The `aud` its tokens carry; null: the gateway\'s LIAISON_JWT_AUDIENCE.' })
  audience!: string | null;

  @Field(() => String, { nullable: true, description: 'Where the issuer publishes its signing keys (a JWKS document), fetched and refreshed by every gateway; null: not named (see discovery).' })
  jwksUri!: string | null;

  @Field(() => Boolean, { description: 'Whether the issuer\'s published keys are found through OpenID Connect discovery of the issuer URL.' })
  discovery!: boolean;

  @Field(() => String, { nullable: true, description: 'The client id of the console\'s OpenID Connect sign-in with this identity provider; null: no sign-in offered.' })
  oidcClientId!: string | null;

  @Field(() => [IssuerKey], { description: 'The keys listed in the reference data (the keys it publishes are fetched, not listed here).' })
  keys!: IssuerKey[];
}

@ObjectType({ simpleResolvers: true, description: 'An agency of the exchange with its roles, facilities and applied token issuers.' })
export class AgencyReference {
  @Field(() => String, { description: 'The agency\'s code.' })
  code!: string;

  @Field(() => String, { description: 'The agency\'s name.' })
  name!: string;

  @Field(() => AgencyKind, { description: 'What kind of agency it is.' })
  kind!: string;

  @Field(() => [AgencyRoleDefinition], { description: 'The roles its staff may hold.' })
  roles!: AgencyRoleDefinition[];

  @Field(() => [FacilityDefinition], { description: 'The facilities it runs.' })
  facilities!: FacilityDefinition[];

  @Field(() => [TrustedIssuerDefinition], { description: 'Issuers applied with `liaison setup apply` (issuers configured in LIAISON_TRUSTED_ISSUERS are not listed).' })
  issuers!: TrustedIssuerDefinition[];
}

@ObjectType({ simpleResolvers: true, description: 'The exchange\'s reference data, as `liaison setup apply` last left it.' })
export class ReferenceData {
  @Field(() => [AgencyReference], { description: 'The agencies of the exchange, with their roles, facilities and applied issuers.' })
  agencies!: AgencyReference[];

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the database became a production exchange (the first apply); null for a development database.' })
  productionSince!: Date | null;
}
