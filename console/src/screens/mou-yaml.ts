import { parse, stringify } from 'yaml';
import type { Mou } from '../mou-queries.js';

/** An MoU version in the document format `liaison mou export` writes (README, "MoUs as documents"). */
export function mouToYaml(mou: Mou): string {
  return stringify({
    reference: mou.reference,
    version: mou.version,
    title: mou.title,
    provider: mou.provider.code,
    recipient: mou.recipient.code,
    legalBasis: mou.legalBasis,
    purposes: mou.purposes,
    validFrom: mou.validFrom,
    validUntil: mou.validUntil,
    clauses: mou.clauses.map((c) => ({
      label: c.label, subject: c.subject, fields: c.fields, ...(c.conditions ? { conditions: c.conditions } : {}),
      purposes: c.purposes, recipientRoles: c.recipientRoles, maxTlp: c.maxTlp, onwardDisclosure: c.onwardDisclosure,
      retentionDays: c.retentionDays, caseReferenceRequired: c.caseReferenceRequired,
      ...(c.dailyRecordQuota === null ? {} : { dailyRecordQuota: c.dailyRecordQuota }),
    })),
  });
}

/** A document read back as `createMouDraft` input (the gateway validates it like any draft). */
export function yamlToDraftInput(text: string): Record<string, unknown> {
  const doc = parse(text) as Record<string, unknown> | null;
  if (!doc || typeof doc !== 'object') throw new Error('not a YAML mapping');
  const { version: _version, provider: _provider, ...input } = doc;
  for (const key of ['validFrom', 'validUntil']) {
    const v = input[key];
    if (v instanceof Date) input[key] = v.toISOString();
  }
  return input;
}
