/** Export that no reader can see half-written, and a self-check that leaves main's event loop free. */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { noDesktop } from '../../../../electron/services/desktop/DesktopShell';
import { atelierFixture } from '../../../support/atelierFixture';
import { tempDir } from '../../../support/tmp';

const fx = atelierFixture({ options: { libraryCheckDelayMs: 3_600_000 } });

async function start(exportFolder = tempDir()) {
  const { atelier, call } = await fx.start({
    tuning: { desktop: { ...noDesktop, chooseFolder: async () => exportFolder } },
  });
  return { atelier, call, exportFolder };
}

describe('export', () => {
  it('an exported file is never visible half-written, and no temporary file is left', async () => {
    const { atelier, call, exportFolder } = await start();
    // Noise does not compress: about 4 MB, written in several chunks.
    const big = await sharp({ create: { width: 1200, height: 1200, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer();
    const [asset] = atelier.library.insertGeneration(
      { jobId: null, prompt: 'static on an old television', tier: 'flash', modelId: 'gemini-3.1-flash-image', params: { aspectRatio: '1:1', imageSize: '1K', modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [] }, responseText: null, finishReason: 'STOP', usage: { promptTokens: 1, outputTokens: 1, thoughtTokens: 0, imageTokens: 1 }, costUsd: 0, durationMs: 1 },
      await atelier.library.writeImages([big]),
    ).assets;

    // What someone watching the folder sees, as often as the event loop lets them look.
    const seen = new Map<string, Set<number>>();
    let watching = true;
    const watch = () => {
      for (const name of fs.readdirSync(exportFolder)) {
        if (name.startsWith('.')) continue;
        const size = fs.statSync(path.join(exportFolder, name), { throwIfNoEntry: false })?.size;
        if (size !== undefined) seen.set(name, (seen.get(name) ?? new Set()).add(size));
      }
      if (watching) setImmediate(watch);
    };
    watch();
    const { written } = await call<{ written: string[] }>('library.export', { ids: [asset!.id], sidecar: true });
    watching = false;

    const final = fs.statSync(written[0]!).size;
    expect(final).toBeGreaterThan(big.length);
    expect([...(seen.get(path.basename(written[0]!)) ?? [])]).toEqual([final]);
    expect(fs.readdirSync(exportFolder).sort()).toEqual([path.basename(written[0]!), `${path.basename(written[0]!)}.json`].sort());
  }, 60_000);

  it('never replaces a file already in the folder', async () => {
    const { atelier, call, exportFolder } = await start();
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#123' } }).png().toBuffer();
    const [asset] = atelier.library.insertGeneration(
      { jobId: null, prompt: 'p', tier: 'flash', modelId: 'gemini-3.1-flash-image', params: { aspectRatio: '1:1', imageSize: '1K', modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [] }, responseText: null, finishReason: 'STOP', usage: { promptTokens: 1, outputTokens: 1, thoughtTokens: 0, imageTokens: 1 }, costUsd: 0, durationMs: 1 },
      await atelier.library.writeImages([png]),
    ).assets;
    const first = await call<{ written: string[] }>('library.export', { ids: [asset!.id] });
    fs.writeFileSync(first.written[0]!, 'the user edited this');
    const second = await call<{ written: string[] }>('library.export', { ids: [asset!.id] });
    expect(second.written[0]).not.toBe(first.written[0]);
    expect(fs.readFileSync(first.written[0]!, 'utf8')).toBe('the user edited this');
    expect(fs.readdirSync(exportFolder).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('self-check', () => {
  it('library.check runs on its own thread: main keeps turning while it works', async () => {
    const { call } = await start();
    let turns = 0;
    let checking = true;
    const turn = () => {
      turns += 1;
      if (checking) setImmediate(turn);
    };
    setImmediate(turn);
    const report = await call<{ ok: boolean }>('library.check');
    checking = false;
    expect(report.ok).toBe(true);
    // In main's thread the check was one synchronous stretch: no turn at all until it ended.
    expect(turns).toBeGreaterThan(20);
  });
});
