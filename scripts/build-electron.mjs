// Bundles the Electron main process and the preload into CommonJS files in dist/electron.
// Dependencies stay external: native modules must be loaded from node_modules, and
// electron-builder packages node_modules itself. The sandboxed preload needs one self-contained file.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = ['electron', ...Object.keys(pkg.dependencies ?? {})];

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, logLevel: 'info' };
await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', external }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] }),
  // The library self-check's worker thread (electron/services/library/checkInWorker.ts loads it by this name).
  build({ ...common, entryPoints: ['electron/services/library/checkWorker.ts'], outfile: 'dist/electron/library-check-worker.cjs', external }),
  // The finding indexes' reader (electron/services/finding/indexLoader.ts loads it by this name).
  build({ ...common, entryPoints: ['electron/services/finding/indexWorker.ts'], outfile: 'dist/electron/finding-index-worker.cjs', external }),
  // The batch results reader's worker thread (electron/services/batch/file/resultsReader.ts loads it by this name).
  build({ ...common, entryPoints: ['electron/services/batch/file/resultsWorker.ts'], outfile: 'dist/electron/batch-results-worker.cjs', external }),
  // The image helper process (electron/services/images/ImageHelper.ts forks it by this name). The
  // only bundle that requires sharp: sharp stays external (in dependencies) and is loaded from
  // app.asar.unpacked (asarUnpack in the builder configs).
  build({ ...common, entryPoints: ['electron/services/images/helperMain.ts'], outfile: 'dist/electron/imageHelper.cjs', external }),
]);
