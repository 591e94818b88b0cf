// The mini-app build: Preact with esbuild's automatic JSX runtime (no framework plugin needed), served by
// the fastify server under /app, output in dist/web. chart.js lands in its own chunk, loaded only by
// pages that draw a chart.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  publicDir: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    // A slow phone on a mobile network: say so loudly if the entry grows past 150 KB before gzip.
    chunkSizeWarningLimit: 150,
    reportCompressedSize: true,
  },
});
