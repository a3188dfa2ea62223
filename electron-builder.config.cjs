/**
 * How `npm run dist` packs Broadsheet into installers (electron-builder). The identity below must
 * match src/main/desktop/desktop-identity.ts, and the packed files must cover what the built app
 * loads at run time: tests/unit/main/desktop/desktop-identity.test.ts checks both, and checks this
 * file against electron-builder's own schema.
 *
 * CommonJS on purpose: electron-builder loads it with require(), before any TypeScript tooling.
 */
'use strict';

const APP_ID = 'io.github.broadsheet-reader.broadsheet';
const PRODUCT_NAME = 'Broadsheet';
const URL_SCHEMES = ['feed', 'broadsheet'];
const OPML_EXTENSIONS = ['opml'];

/**
 * Where the installed app looks for updates (electron-updater reads the app-update.yml this
 * writes): GitHub releases, or a server of your own when BROADSHEET_UPDATE_URL is set while
 * building (a generic provider: the folder holding latest.yml / latest-mac.yml / latest-linux.yml).
 */
function publishTarget(updateUrl) {
  if (!updateUrl) return { provider: 'github', owner: 'broadsheet-reader', repo: 'broadsheet' };
  if (!/^https:\/\//i.test(updateUrl)) {
    // Updates are verified by signature only on Windows and macOS; the feed itself must not be
    // open to anyone on the reader's network.
    throw new Error(`BROADSHEET_UPDATE_URL must be an https:// address, not "${updateUrl}".`);
  }
  return { provider: 'generic', url: updateUrl };
}

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: APP_ID,
  productName: PRODUCT_NAME,
  copyright: 'Copyright © Broadsheet contributors',
  directories: { output: 'dist', buildResources: 'resources/icons' },

  // Only what the app runs: the three bundles electron-vite writes and the window icon main
  // reads (src/main/index.ts). The browser host (out/main/host.js) serves the same contract
  // over HTTP and never runs inside the app. Production dependencies are added by electron-builder
  // itself (dev ones never are); the renderer's packages are bundled into out/renderer by Vite
  // and are devDependencies so they are not packed a second time.
  files: [
    'package.json',
    'out/main/**/*.js',
    '!out/main/host.js',
    'out/preload/**/*.js',
    'out/renderer/**/*',
    'resources/icon.png',
    '!**/*.map',
    '!**/*.d.ts',
    '!**/*.{md,markdown}',
    '!**/node_modules/.bin',
  ],
  // One archive, read by Electron's own fs (integrity checked, see the fuses). Nothing unpacked:
  // node:worker_threads loads out/main/extract-worker.js and its requires from inside app.asar
  // since Electron 17 (electron/electron#33216, "initialize asar support in worker threads").
  asar: true,
  // No native modules ship (better-sqlite3 is a dev tool), so nothing is rebuilt for Electron.
  npmRebuild: false,
  compression: 'normal',

  protocols: [{ name: 'Feed address', schemes: [...URL_SCHEMES] }],
  fileAssociations: OPML_EXTENSIONS.map((ext) => ({
    ext,
    name: 'OPML subscription list',
    description: 'A list of feeds to subscribe to',
    mimeType: 'text/x-opml',
    role: 'Viewer',
  })),

  // A reader that never runs arbitrary Node: https://www.electronjs.org/docs/latest/tutorial/fuses
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    // Stays ON while the window loads out/renderer/index.html from file://: Vite's page is
    // `<script type="module">` with module workers and lazy chunks, which Chromium fetches in
    // CORS mode, and without the fuse a file:// page may not fetch file:// (electron#40801), so
    // the window would stay blank. Turning it off needs the renderer served from a custom
    // protocol (protocol.handle) first.
    grantFileProtocolExtraPrivileges: true,
    // Flipping fuses breaks the Apple Silicon binary's ad-hoc signature; without a signing
    // identity electron-builder does not sign again, so a local arm64 build would not start.
    // A real signature (CSC_LINK / a keychain identity) replaces this one.
    resetAdHocDarwinSignature: true,
  },

  publish: publishTarget(process.env.BROADSHEET_UPDATE_URL),

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    icon: 'resources/icons/png',
    executableName: 'broadsheet',
    category: 'Network;News',
    synopsis: 'An offline news reader',
    maintainer: 'Broadsheet contributors',
    vendor: 'Broadsheet contributors',
  },
  // Debian's section for feed readers (Liferea's).
  deb: { packageCategory: 'web' },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'resources/icons/icon.ico',
  },
  nsis: {
    // Per-user, no administrator needed, updates in place (electron-updater's NSIS flow).
    oneClick: true,
    perMachine: false,
    // Uninstalling keeps the library: the reader may be reinstalling.
    deleteAppDataOnUninstall: false,
    artifactName: '${productName}-Setup-${version}.${ext}',
  },

  mac: {
    // electron-updater on macOS installs from the zip; the dmg is what people download.
    target: [
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ],
    icon: 'resources/icons/icon.icns',
    category: 'public.app-category.news',
    hardenedRuntime: true,
    darkModeSupport: true,
  },
  dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
};
