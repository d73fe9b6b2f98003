import type { TrustedIssuers } from './auth/trusted-issuers.js';
import { ConfigError, type Config } from './config.js';

/**
 * Refuses to run in production with development trust: the committed development key pair
 * is public knowledge, so a production gateway trusting it would accept anyone's tokens.
 */
export function assertSafeToStart(config: Config, issuers: TrustedIssuers): void {
  if (config.mode !== 'production') return;
  if (issuers.developmentIssuersTrusted) {
    throw new ConfigError('production mode must not trust development token issuers');
  }
  if (issuers.configuredWithDevelopmentKey()) {
    throw new ConfigError('production mode refuses the DEVELOPMENT-ONLY key pair: configure your identity providers\' keys in LIAISON_TRUSTED_ISSUERS');
  }
  if (issuers.configuredCount === 0) {
    throw new ConfigError('production mode needs at least one trusted issuer: set LIAISON_TRUSTED_ISSUERS');
  }
}
