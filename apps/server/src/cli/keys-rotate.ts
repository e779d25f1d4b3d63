import { loadConfig } from '../config.js';
import { rotateKeyFile } from '../identity/keys.js';

/**
 * `pnpm --filter @civic-kiosk/server keys:rotate`: a new signing key in the key file
 * (TOKEN_SECRET_FILE, else TOKEN_KEY_FILE / ./data/token-keys.json). The old key keeps
 * verifying for one token lifetime; restart (or roll) the instances to pick it up.
 */
const config = loadConfig();
if (config.tokenSecret) {
  console.error('TOKEN_SECRET is set: rotate by setting the new key in TOKEN_SECRET and the old one in TOKEN_SECRET_PREVIOUS.');
  process.exit(2);
}
const file = config.tokenSecretFile ?? config.tokenKeyFile;
const keys = rotateKeyFile(file, Date.now());
console.log(`rotated ${file}: current key ${keys.current.kid}, still verifying ${keys.previous.map((k) => k.kid).join(', ') || 'none'}`);
