import type { ServerConfig } from '../config.js';
import { loadKeyring, type Keyring } from './keys.js';

/** The keyring the configuration names (see keys.ts for the order of sources). */
export function keyringFor(config: ServerConfig, now = Date.now()): Keyring {
  return loadKeyring(
    {
      secret: config.tokenSecret,
      previousSecret: config.tokenSecretPrevious,
      secretFile: config.tokenSecretFile,
      keyFile: config.tokenKeyFile,
      production: config.production,
    },
    now,
  );
}
