import { GatewayCore1732000000000 } from './1732000000000-GatewayCore.js';
import { MouAdministration1732000100000 } from './1732000100000-MouAdministration.js';
import { DisclosureLog1732000200000 } from './1732000200000-DisclosureLog.js';
import { Hardening1732000300000 } from './1732000300000-Hardening.js';
import { OwnerScopedListIndexes1732000400000 } from './1732000400000-OwnerScopedListIndexes.js';
import { ApproverIssuer1732000500000 } from './1732000500000-ApproverIssuer.js';
import { ReferenceData1732001200000 } from './1732001200000-ReferenceData.js';
import { TrustedIssuerRevision1732001200100 } from './1732001200100-TrustedIssuerRevision.js';
import { NumberedCheckpoints1732001300000 } from './1732001300000-NumberedCheckpoints.js';
import { OwnerWrites1732001400000 } from './1732001400000-OwnerWrites.js';
import { NameMatching1732001500000 } from './1732001500000-NameMatching.js';
import { AlertImages1732001800000 } from './1732001800000-AlertImages.js';
import { WebhooksAndNotices1732001900000 } from './1732001900000-WebhooksAndNotices.js';
import { NameLookupKeys1732002000000 } from './1732002000000-NameLookupKeys.js';
import { AppliedIssuerKeySources1732002100000 } from './1732002100000-AppliedIssuerKeySources.js';
import { DisclosureLogLz41732002200000 } from './1732002200000-DisclosureLogLz4.js';

/**
 * Every migration, in order. Listed explicitly rather than globbed: a glob breaks under
 * vitest (which loads the TypeScript sources) and hides a forgotten file.
 */
export const migrations = [
  GatewayCore1732000000000, MouAdministration1732000100000, DisclosureLog1732000200000, Hardening1732000300000,
  OwnerScopedListIndexes1732000400000, ApproverIssuer1732000500000,
  ReferenceData1732001200000, TrustedIssuerRevision1732001200100, NumberedCheckpoints1732001300000,
  OwnerWrites1732001400000,
  NameMatching1732001500000,
  AlertImages1732001800000,
  WebhooksAndNotices1732001900000,
  NameLookupKeys1732002000000,
  AppliedIssuerKeySources1732002100000,
  DisclosureLogLz41732002200000,
];
