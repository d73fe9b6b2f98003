import type { RecordChangeSubscriptions } from '../alerts/subscriptions.js';
import type { DisclosureLog } from '../audit/disclosure-log.js';
import type { RegistryRules } from '../webhooks/endpoint-registry.js';

/**
 * The root value of every operation (Apollo's `rootValue`, set by `createServer`): the
 * process-wide things an operation may need that are not the request's inputs. Today the
 * disclosure log, for its readers (`disclosures` reads the table; `auditIntegrity` and
 * `sealDisclosureLog` need the log's keys); null where the server runs without one. And the
 * process's record-change subscriptions (the WebSocket endpoint's operations only); and the
 * webhook registry's rules, from configuration.
 */
export interface GatewayRoot {
  readonly disclosureLog: DisclosureLog | null;
  readonly recordChanges?: RecordChangeSubscriptions | null;
  /** What registering a webhook checks (mode, allowed networks, the secrets' key, the resolver); absent on the WebSocket endpoint. */
  readonly webhookRegistry?: RegistryRules;
}
