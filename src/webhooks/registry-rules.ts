import type { AlertSettings } from '../config.js';
import { addressRules } from './address-rules.js';
import type { RegistryRules } from './endpoint-registry.js';
import { systemResolver, type Resolver } from './guarded-lookup.js';

/** The registry's rules from configuration: production rules by mode, the allowed networks, the secrets' key. */
export function webhookRegistryRules(settings: AlertSettings, resolve: Resolver = systemResolver): RegistryRules {
  return {
    addresses: addressRules(settings.productionRules, settings.allowedNetworks),
    secretKey: settings.secretKey,
    resolve,
    secretOverlapSeconds: settings.secretOverlapSeconds,
  };
}
