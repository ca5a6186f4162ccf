import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineConfig, transformWithEsbuild, type Plugin, type Rollup } from 'vite';
import react from '@vitejs/plugin-react';
import type { DesignerCode } from './src/lib/early-reads.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');

/** The editor's code as built: the designer page's chunk, the chunks it imports, and their CSS. */
function designerCode(bundle: Rollup.OutputBundle): DesignerCode {
  const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])));
  const pageModule = path.join(here, 'src', 'designer', 'designer-page.tsx');
  const page = [...chunks.values()].find((c) => c.moduleIds.includes(pageModule));
  if (!page) throw new Error('early reads: no chunk holds src/designer/designer-page.tsx');
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (c: Rollup.OutputChunk) => {
    if (c.isEntry || js.has(c.fileName)) return; // the entry is loaded by index.html itself
    js.add(c.fileName);
    for (const f of c.viteMetadata?.importedCss ?? []) css.add(f);
    for (const f of c.imports) visit(chunks.get(f)!);
  };
  visit(page);
  return { js: [...js].map((f) => `/${f}`), css: [...css].map((f) => `/${f}`) };
}

/**
 * Inlines src/lib/early-reads.ts into index.html: the page's first API reads (and, for a
 * designer address, the editor's code) start as soon as the HTML arrives.
 */
function earlyReads(): Plugin {
  const source = path.join(here, 'src', 'lib', 'early-reads.ts');
  return {
    name: 'jiceng-early-reads',
    transformIndexHtml: {
      order: 'post',
      async handler(_html, ctx) {
        const { code } = await transformWithEsbuild(readFileSync(source, 'utf8'), source, { format: 'iife', globalName: 'jicengEarly', minify: true, target: 'es2020' });
        const designer = ctx.bundle ? designerCode(ctx.bundle) : { js: [], css: [] };
        return [{ tag: 'script', children: `${code}jicengEarly.startEarlyReads(location.pathname,${JSON.stringify(designer)})`, injectTo: 'head' }];
      },
    },
  };
}

/**
 * The web app lives in designer/ but shares dsl/ (and pure rule modules of workflows/) with the
 * engine, imported through relative `../dsl/*.js` paths; Vite resolves `.js` to the `.ts` source.
 */
export default defineConfig({
  root: here,
  plugins: [react(), earlyReads()],
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
