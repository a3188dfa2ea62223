import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './src/shared/content-security-policy';
import { parserFree, precompiledCatalogues } from './scripts/precompile-catalogues';

const shared = { '@shared': resolve(__dirname, 'src/shared') };

/**
 * The built page carries its CSP in a meta tag so it holds wherever the file is opened (file://
 * in Electron has no response headers). Dev builds skip it: Vite's dev client needs inline code.
 */
function cspMetaTag(): Plugin {
  return {
    name: 'broadsheet-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      rollupOptions: {
        input: {
          // The Electron shell, and the browser host that serves the same contract over HTTP.
          index: resolve(__dirname, 'src/main/index.ts'),
          host: resolve(__dirname, 'src/main/host/serve.ts'),
          // Article extraction's worker thread, loaded by path from both (articles/extract-pool.ts).
          'extract-worker': resolve(__dirname, 'src/main/articles/extract-worker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: shared },
    // A sandboxed preload can require nothing but 'electron': bundle everything it imports.
    build: {
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: {
      alias: [{ find: '@shared', replacement: shared['@shared'] }, parserFree],
    },
    plugins: [precompiledCatalogues(), react(), cspMetaTag()],
    // Module workers, so the search worker can load Dexie only when it first needs it.
    worker: { format: 'es' },
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
