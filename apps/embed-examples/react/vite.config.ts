import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The service packages are imported from their built dist (decorators already lowered by tsc),
// so plain Vite + the React plugin is all this app needs.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/react', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500 },
});
