// Lint, plus the layering rules from STYLE.md checked rather than remembered:
// services stay plain Node, shared/ stays pure, the renderer never reaches into main.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import atelierLayering from './eslint/layering.mjs';

const noElectron = { name: 'electron', message: 'Only the shell files at the top of electron/ (main, window, preload, security, menu, windowState, updater) may import electron; pass an interface into the service instead.' };
const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto'], message: 'This layer must not use Node built-ins.' };
const rendererLayer = { group: ['**/electron/**', '**/test/**'], message: 'The renderer talks to main only through lib/bridge.ts.' };

// Features are rooms: one imports itself, lib/ and shared/, never another feature or the app shell.
// Pages that combine features live in renderer/src/app/; what several features read lives in lib/.
const FEATURES = readdirSync(new URL('./renderer/src/features/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
// A file at depth 0 (features/x/a.ts) reaches its own feature as './', a sibling as '../y'; one
// folder down (features/x/sections/a.ts) its own feature is '../' and a sibling is '../../y'.
const featureRooms = FEATURES.flatMap((feature) =>
  [0, 1].map((depth) => {
    const up = '\\.\\./'.repeat(depth + 1);
    return {
      files: depth === 0 ? [`renderer/src/features/${feature}/*`] : [`renderer/src/features/${feature}/*/**`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [noElectron],
            patterns: [
              nodeBuiltins,
              rendererLayer,
              {
                // Past the feature's own folder, anything but '../..' (lib/, shared/) is a sibling feature.
                regex: `^${up}(?!\\.\\.|${feature}/)`,
                message: `A feature imports only itself, lib/ and shared/. Move what ${feature} needs from another feature to lib/, or combine them in app/.`,
              },
              { regex: `/features/(?!${feature}/)|(^|/)app/`, message: 'A feature imports only itself, lib/ and shared/ — never another feature or the app shell.' },
            ],
          },
        ],
      },
    };
  }),
);

// `shared < kernel < engine < feature services < ipc < atelier < shell`: a layer imports itself and
// the layers it lists, nothing above it (VS Code's code-layering table). In the engine and feature
// layers the folders are listed bottom-up and import only those before them, so none loop.
export const MAIN_LAYERING = {
  root: fileURLToPath(new URL('.', import.meta.url)),
  layers: {
    shared: [],
    kernel: ['shared'],
    engine: ['kernel', 'shared'],
    feature: ['engine', 'kernel', 'shared'],
    ipc: ['feature', 'engine', 'kernel', 'shared'],
    atelier: ['ipc', 'feature', 'engine', 'kernel', 'shared'],
    shell: ['atelier', 'ipc', 'feature', 'engine', 'kernel', 'shared'],
  },
  members: {
    shared: ['shared'],
    // What everything stands on: events, errors, the log, disposal, time, the database.
    kernel: ['electron/services/events', 'electron/services/errors', 'electron/services/logger', 'electron/services/disposables', 'electron/services/clock', 'electron/services/db'],
    // The machinery features are made of. `desktop` is the interface to what only the desktop can do.
    engine: ['usage', 'settings', 'secrets', 'desktop', 'images', 'gemini', 'queue', 'library'].map((d) => `electron/services/${d}`),
    // What the user does.
    feature: ['edit', 'references', 'generation', 'chat', 'compare', 'batch', 'jobs', 'protocol', 'shell', 'updates'].map((d) => `electron/services/${d}`),
    ipc: ['electron/ipc'],
    atelier: ['electron/atelier'],
    // main, window, preload, menu, security, updater …: the only files that touch Electron.
    shell: ['electron/*'],
  },
  ordered: ['engine', 'feature'],
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'release-test/**', 'node_modules/**', '.cache/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  // Main's layer graph, checked for every relative import by eslint/layering.mjs. Nothing in
  // electron/ imports Electron except the shell; services are plain Node (STYLE.md).
  {
    files: ['electron/**', 'shared/**'],
    plugins: { atelier: atelierLayering },
    rules: { 'atelier/layering': ['error', MAIN_LAYERING] },
  },
  {
    files: ['electron/services/**', 'electron/ipc/**', 'electron/atelier.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'react', message: 'shared/ holds pure data and types.' }],
          patterns: [nodeBuiltins],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [nodeBuiltins, rendererLayer] }],
    },
  },
  ...featureRooms,
);
