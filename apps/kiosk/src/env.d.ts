/// <reference types="vite/client" />
/** The app's version from package.json, set by vite.config.ts. */
declare const __KIOSK_VERSION__: string;

interface ImportMetaEnv {
  /** The X-Device-Key the kiosk sends; the server's documented demo key when unset. */
  readonly VITE_DEVICE_KEY?: string;
}
