// Writes the plain CSS theme files from the compiled token module.
import { mkdirSync, writeFileSync } from 'node:fs';
import { themeFiles } from '../dist/theme-styles.js';

const dir = new URL('../dist/themes/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(themeFiles())) writeFileSync(new URL(name, dir), text);
