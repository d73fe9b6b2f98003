import type { TrustedIssuerConfig } from '../../auth/trusted-issuers.js';

/**
 * Whether the issuers a gateway is configured with fit the database it starts on: each is
 * bound to an agency the exchange has, and none is also applied to the database (an issuer
 * vouches for one agency, from one place). A mismatch stops the start: a gateway that
 * started would refuse every token of that issuer with no word to its operator.
 */
export function issuerBindingProblems(
  configured: readonly TrustedIssuerConfig[], applied: readonly TrustedIssuerConfig[], agencies: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const appliedByIssuer = new Map(applied.map((issuer) => [issuer.issuer, issuer]));
  for (const issuer of configured) {
    if (!agencies.has(issuer.agency)) {
      problems.push(`LIAISON_TRUSTED_ISSUERS: issuer ${issuer.issuer} is bound to agency ${issuer.agency}, which the database does not have: apply reference data that defines ${issuer.agency} (liaison setup apply FILE), or bind the issuer to an agency that exists`);
    }
    const twin = appliedByIssuer.get(issuer.issuer);
    if (twin) {
      problems.push(`issuer ${issuer.issuer} is both configured in LIAISON_TRUSTED_ISSUERS (bound to ${issuer.agency}) and applied to the database (bound to ${twin.agency}): keep one`);
    }
  }
  return problems;
}
