/**
 * A batch's results file read on a worker thread (issue 17 §5): the real worker for what it
 * sends, its loop in this thread for how far it runs ahead of main.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Credits, pumpResults, type ResultLine } from '../../../../../electron/services/batch/file/results';
import { readResults } from '../../../../../electron/services/batch/file/resultsReader';
import { pngOf } from '../../../../support/images';
import { tempDir } from '../../../../support/tmp';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function answer(key: string, b64: string): string {
  return JSON.stringify({
    key,
    response: {
      candidates: [{ content: { role: 'model', parts: [{ text: 'here' }, { inlineData: { mimeType: 'image/png', data: b64 } }] }, finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 1290, candidatesTokensDetails: [{ modality: 'IMAGE', tokenCount: 1290 }] },
    },
  });
}

async function all(file: string, from = 0, credit = 4): Promise<ResultLine[]> {
  const out: ResultLine[] = [];
  for await (const l of readResults({ file, from }, { credit, signal: new AbortController().signal })) out.push(l);
  return out;
}

describe('reading a results file on a worker thread', () => {
  it('sends each line’s verdict: decoded image bytes equal to the base64 source, a broken line, an error, a line cut short at the end', async () => {
    const images = await Promise.all([pngOf(64, 48, [10, 20, 30]), pngOf(300, 200, [200, 10, 90])]);
    const b64 = images.map((b) => b.toString('base64'));
    const file = path.join(tempDir('results-'), 'results.jsonl');
    const cut = answer('row-6', b64[0]!);
    fs.writeFileSync(
      file,
      [answer('row-2', b64[0]!), '{"key":"row-3","response":{', '', JSON.stringify({ key: 'row-4', error: { code: 400, message: 'The prompt was refused.' } }), answer('row-5', b64[1]!), cut.slice(0, cut.length / 2)].join('\n'),
    );
    const lines = await all(file);
    expect(lines.map((l) => [l.index, l.key, 'reason' in l ? l.reason : 'ok'])).toEqual([
      [0, 'row-2', 'ok'],
      [1, null, 'Gemini’s results file has a broken line here; Atelier could not read it.'],
      [2, 'row-4', 'The prompt was refused.'],
      [3, 'row-5', 'ok'],
      [4, null, 'Gemini’s results file has a broken line here; Atelier could not read it.'],
    ]);
    const ok = lines.filter((l): l is Extract<ResultLine, { images: ArrayBuffer[] }> => 'images' in l);
    expect(ok.map((l) => l.images.map((b) => sha(new Uint8Array(b))))).toEqual([[sha(Buffer.from(b64[0]!, 'base64'))], [sha(Buffer.from(b64[1]!, 'base64'))]]);
    expect(ok[0]!.ok).toMatchObject({ text: 'here', finishReason: 'STOP', usage: { promptTokens: 10, imageTokens: 1290 } });
  });

  it('names a line with no image by what Gemini said, as the import always has', async () => {
    const file = path.join(tempDir('results-'), 'results.jsonl');
    const words = { key: 'row-2', response: { candidates: [{ content: { role: 'model', parts: [{ text: 'I cannot draw that.' }] }, finishReason: 'STOP' }] } };
    fs.writeFileSync(file, JSON.stringify(words) + '\n');
    expect(await all(file)).toEqual([{ index: 0, key: 'row-2', reason: 'Gemini answered in words only: “I cannot draw that.”' }]);
  });

  it('starts at the first line an earlier run did not commit, counting blank lines as none', async () => {
    const png = (await pngOf(8, 8)).toString('base64');
    const file = path.join(tempDir('results-'), 'results.jsonl');
    fs.writeFileSync(file, ['', answer('row-2', png), '', answer('row-3', png), answer('row-4', png), ''].join('\r\n'));
    expect((await all(file, 2)).map((l) => [l.index, l.key])).toEqual([[2, 'row-4']]);
    expect(await all(file, 3)).toEqual([]);
  });

  it('fails with the file’s own error when the results file is missing', async () => {
    await expect(all(path.join(tempDir('results-'), 'gone.jsonl'))).rejects.toMatchObject({ code: 'ENOENT', message: expect.stringContaining('gone.jsonl') });
  });

  it('stops the worker when the import is stopped, with the stop’s own error', async () => {
    const png = (await pngOf(8, 8)).toString('base64');
    const file = path.join(tempDir('results-'), 'results.jsonl');
    fs.writeFileSync(file, Array.from({ length: 20 }, (_, i) => answer(`row-${i + 2}`, png)).join('\n'));
    const stop = new AbortController();
    const seen: number[] = [];
    const reading = (async () => {
      for await (const l of readResults({ file, from: 0 }, { credit: 2, signal: stop.signal })) {
        seen.push(l.index);
        if (l.index === 2) stop.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([0, 1, 2]);
  });
});

describe('the worker’s credits', () => {
  it('reads and sends no more lines than main gave credit for', async () => {
    let pulled = 0;
    async function* lines(): AsyncGenerator<string> {
      for (let i = 0; i < 10; i++) {
        pulled += 1;
        yield '{"key":"row-2"}';
      }
    }
    const credits = new Credits();
    const sent: number[] = [];
    const pumping = pumpResults(lines(), 0, credits, (l) => sent.push(l.index));
    credits.give(2);
    await credits.idle();
    expect(sent).toEqual([0, 1]);
    expect(pulled).toBe(2);
    credits.give(1);
    await credits.idle();
    expect(sent).toEqual([0, 1, 2]);
    expect(pulled).toBe(3);
    credits.give(100);
    await pumping;
    expect(sent).toHaveLength(10);
  });
});
