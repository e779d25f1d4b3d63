/// <reference types="vite/client" />
// Every package's custom-elements.json (written by `pnpm build`), merged for the docs tables.
type Manifest = { schemaVersion: string; modules: unknown[] };

const parts = Object.values(
  import.meta.glob<Manifest>('../packages/*/custom-elements.json', { eager: true, import: 'default' }),
);

export const manifest: Manifest = { schemaVersion: parts[0]?.schemaVersion ?? '1.0.0', modules: parts.flatMap((part) => part.modules) };
