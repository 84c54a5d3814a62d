// Lint, plus the layering rules from STYLE.md checked rather than remembered:
// services stay plain Node, shared/ stays pure, the renderer never reaches into main.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { fileURLToPath } from 'node:url';
import atelierLayering from './eslint/layering.mjs';

const noElectron = { name: 'electron', message: 'Only the shell files at the top of electron/ (main, window, preload, security, menu, windowState, updater) may import electron; pass an interface into the service instead.' };
const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto'], message: 'This layer must not use Node built-ins.' };
const rendererLayer = { group: ['**/electron/**', '**/test/**'], message: 'The renderer talks to main only through lib/bridge.ts.' };

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
    kernel: ['electron/services/events', 'electron/services/errors', 'electron/services/logger', 'electron/services/disposables', 'electron/services/clock', 'electron/services/db', 'electron/services/backgroundPass'],
    // The machinery features are made of. `desktop` is the interface to what only the desktop can do.
    engine: ['usage', 'settings', 'secrets', 'desktop', 'images', 'gemini', 'queue', 'library'].map((d) => `electron/services/${d}`),
    // What the user does.
    feature: ['edit', 'references', 'generation', 'chat', 'compare', 'batch', 'jobs', 'protocol', 'shell', 'updates', 'finding', 'prompts', 'series'].map((d) => `electron/services/${d}`),
    ipc: ['electron/ipc'],
    atelier: ['electron/atelier'],
    // main, window, preload, menu, security, updater …: the only files that touch Electron.
    shell: ['electron/*'],
  },
  ordered: ['engine', 'feature'],
};

// `shared < lib < features < app` for the renderer. Features are rooms: one imports itself, lib/
// and shared/, never another feature or the app. What several features read lives in lib/, which
// imports nothing above it; pages that combine features, and the wiring of stores to main's events
// and of one room's requests to another, live in app/ (with main.tsx and App.tsx beside it).
export const RENDERER_LAYERING = {
  root: MAIN_LAYERING.root,
  layers: {
    shared: [],
    lib: ['shared'],
    features: ['lib', 'shared'],
    app: ['features', 'lib', 'shared'],
  },
  members: {
    shared: ['shared'],
    lib: ['renderer/src/lib'],
    features: ['renderer/src/features'],
    app: ['renderer/src/app', 'renderer/src/*', 'renderer/src/styles'],
  },
  rooms: ['features'],
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
  {
    files: ['renderer/src/**'],
    plugins: { atelier: atelierLayering },
    rules: { 'atelier/layering': ['error', RENDERER_LAYERING] },
  },
);
