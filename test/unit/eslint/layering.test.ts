/** The layer table for electron/ (eslint/layering.mjs, configured in eslint.config.mjs), through ESLint's own API and the project's config. */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs'), ruleFilter: ({ ruleId }) => ruleId === 'atelier/layering' });

async function layering(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((m) => m.message);
}

// Loading the config and linting the tree take seconds on a shared runner.
describe('layering of electron/', { timeout: 90_000 }, () => {
  it('reports a service importing the ipc layer as bad layering', async () => {
    const messages = await layering('electron/services/queue/Wrong.ts', "import type { Router } from '../../ipc/router';\nexport type R = Router;\n");
    expect(messages).toEqual([expect.stringMatching(/^bad layering: engine \(electron\/services\/queue\/Wrong\) may not import ipc/)]);
  });

  it('reports the kernel importing a feature, and shared importing main', async () => {
    expect(await layering('electron/services/db/Wrong.ts', "export { GenerationService } from '../generation/GenerationService';\n")).toEqual([expect.stringContaining('bad layering: kernel')]);
    expect(await layering('shared/wrong.ts', "import type { Db } from '../electron/services/db/db';\nexport type D = Db;\n")).toEqual([expect.stringContaining('bad layering: shared')]);
  });

  it('reports the arrows that ran back up before: queue → library/db, references → generation', async () => {
    expect(await layering('electron/services/queue/JobStore.ts', "import type { Db } from '../library/db';\nexport type D = Db;\n")).toEqual([expect.stringContaining('bad layering: in engine')]);
    expect(await layering('electron/services/references/HeldInputs.ts', "import type { ReferenceImages } from '../generation/references';\nexport type R = ReferenceImages;\n")).toEqual([
      expect.stringContaining('bad layering: in feature, electron/services/references'),
    ]);
  });

  it('reports a folder the table does not place, and an import from outside every layer', async () => {
    expect(await layering('electron/services/somewhere/New.ts', 'export const a = 1;\n')).toEqual([expect.stringContaining('belongs to no layer')]);
    expect(await layering('electron/ipc/Wrong.ts', "import { x } from '../../test/support/tmp';\nexport const y = x;\n")).toEqual([expect.stringContaining('outside every layer')]);
  });

  it('accepts imports that go down or stay in a layer', async () => {
    const code = [
      "import type { Db } from '../db/db';",
      "import type { Library } from '../library/Library';",
      "import type { HeldInputs } from '../references/HeldInputs';",
      "import { AppError } from '../errors';",
      "import type { Job } from '../../../shared/ipc/contract';",
      'export type X = [Db, Library, HeldInputs, AppError, Job];',
    ].join('\n');
    expect(await layering('electron/services/generation/Right.ts', code)).toEqual([]);
    expect(await layering('electron/main.ts', "import { createAtelier } from './atelier';\nexport const c = createAtelier;\n")).toEqual([]);
  });

  it('finds no bad layering in electron/ and shared/ as they are', async () => {
    const results = await eslint.lintFiles(['electron', 'shared']);
    const bad = results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}: ${m.message}`));
    expect(bad).toEqual([]);
  });
});

describe('layering of the renderer', { timeout: 90_000 }, () => {
  it('reports lib importing a feature or the app', async () => {
    expect(await layering('renderer/src/lib/Wrong.ts', "import { useChatStore } from '../features/chat/store';\nexport const s = useChatStore;\n")).toEqual([
      expect.stringMatching(/^bad layering: lib \(renderer\/src\/lib\/Wrong\) may not import features/),
    ]);
    expect(await layering('renderer/src/lib/Wrong.ts', "import { screens } from '../app/screens';\nexport const s = screens;\n")).toEqual([expect.stringContaining('may not import app')]);
  });

  it('reports a feature importing another feature, or the app', async () => {
    expect(await layering('renderer/src/features/library/Wrong.tsx', "import { useChatStore } from '../chat/store';\nexport const s = useChatStore;\n")).toEqual([
      expect.stringContaining('is in the room renderer/src/features/library and may not import renderer/src/features/chat/store'),
    ]);
    expect(await layering('renderer/src/features/settings/sections/Wrong.tsx', "import type { X } from '../../generate/store';\nexport type Y = X;\n")).toEqual([
      expect.stringContaining('in the room renderer/src/features/generate'),
    ]);
    expect(await layering('renderer/src/features/chat/Wrong.ts', "import { screens } from '../../app/screens';\nexport const s = screens;\n")).toEqual([expect.stringContaining('may not import app')]);
  });

  it('accepts a feature importing itself, lib/ and shared/, and the app importing any of them', async () => {
    const feature = [
      "import { useChatStore } from './store';",
      "import { ModelKnobs } from '../../lib/ModelKnobs';",
      "import type { Job } from '../../../../shared/ipc/contract';",
      'export const x = [useChatStore, ModelKnobs] as const;',
      'export type J = Job;',
    ].join('\n');
    expect(await layering('renderer/src/features/chat/Right.tsx', feature)).toEqual([]);
    expect(await layering('renderer/src/app/Right.ts', "import { useChatStore } from '../features/chat/store';\nimport { useLibraryStore } from '../features/library/store';\nexport const x = [useChatStore, useLibraryStore];\n")).toEqual([]);
    expect(await layering('renderer/src/main.tsx', "import { App } from './App';\nexport const a = App;\n")).toEqual([]);
  });

  it('finds no bad layering in renderer/ as it is', async () => {
    const results = await eslint.lintFiles(['renderer/src']);
    const bad = results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}: ${m.message}`));
    expect(bad).toEqual([]);
  });
});
