// Lint, plus the layering rules from STYLE.md checked rather than remembered:
// services stay plain Node, shared/ stays pure, the renderer never reaches into main.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noElectron = { name: 'electron', message: 'Only electron/main.ts, window.ts and preload.ts may import electron; pass an interface into the service instead.' };
const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto'], message: 'This layer must not use Node built-ins.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.cache/**', 'test-results/**', 'playwright-report/**'] },
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
  // The layer graph of main: main.ts/window.ts/preload.ts (Electron) → atelier.ts (composition)
  // → ipc/ (router, thin handlers) → services/ (plain Node) → shared/. Nothing points back up.
  {
    files: ['electron/atelier.ts', 'electron/ipc/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['electron/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { regex: '^(\\.\\./)+(ipc|atelier|renderer|test)(/|$)', message: 'Services are called by ipc/ and atelier.ts, never the other way round.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'react', message: 'shared/ holds pure data and types.' }],
          patterns: [nodeBuiltins, { group: ['**/electron/**', '**/renderer/**', '**/test/**'], message: 'shared/ imports nothing from other layers.' }],
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
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [nodeBuiltins, { group: ['**/electron/**', '**/test/**'], message: 'The renderer talks to main only through lib/bridge.ts.' }],
        },
      ],
    },
  },
);
