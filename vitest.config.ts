import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests reach src/ by these names, never by climbing out of tests/ (tsconfig.tests.json has the same).
const alias = {
  '@shared': resolve(__dirname, 'src/shared'),
  '@main': resolve(__dirname, 'src/main'),
  '@renderer': resolve(__dirname, 'src/renderer'),
  '@search-engine': resolve(__dirname, 'src/search-engine'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/unit/renderer/**', 'tests/unit/search-engine/idb/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'dom',
          environment: 'jsdom',
          // The engine's IndexedDB storage needs (fake) IndexedDB, as the renderer does.
          include: [
            'tests/unit/renderer/**/*.test.{ts,tsx}',
            'tests/unit/search-engine/idb/**/*.test.ts',
          ],
          setupFiles: ['tests/unit/renderer/setup.ts'],
        },
      },
      {
        // The built bundles under a stand-in Electron: needs `electron-vite build` first, so
        // `npm test` runs it in test:e2e after the build (test:unit names node and dom).
        resolve: { alias },
        test: {
          name: 'smoke',
          environment: 'node',
          include: ['tests/smoke/**/*.test.ts'],
        },
      },
    ],
  },
});
