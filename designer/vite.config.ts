import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');

/**
 * The web app lives in designer/ but shares dsl/ (and pure rule modules of workflows/) with the
 * engine, imported through relative `../dsl/*.js` paths; Vite resolves `.js` to the `.ts` source.
 */
export default defineConfig({
  root: here,
  plugins: [react()],
  resolve: {
    alias: {
      '@dsl': path.join(repoRoot, 'dsl'),
      '@workflows': path.join(repoRoot, 'workflows'),
    },
  },
  server: {
    port: 5173,
    fs: { allow: [repoRoot] },
    proxy: { '/api': 'http://localhost:3000' },
  },
  // The validator worker is an ES module worker (validate-client.ts).
  worker: { format: 'es' },
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
