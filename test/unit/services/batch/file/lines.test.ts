import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileLines } from '../../../../../electron/services/batch/file/lines';
import { tempDir } from '../../../../support/tmp';

async function all(file: string, chunkBytes: number): Promise<string[]> {
  const out: string[] = [];
  for await (const l of fileLines(file, { chunkBytes })) out.push(l);
  return out;
}

describe('fileLines', () => {
  it('gives the same lines whatever the chunk size: CRLF, a character split across chunks, blank lines, no final newline', async () => {
    const file = path.join(tempDir('lines-'), 'r.jsonl');
    fs.writeFileSync(file, 'première\r\n\n{"a":"日本"}\nlast');
    for (const size of [1, 2, 3, 5, 64]) expect(await all(file, size)).toEqual(['première', '', '{"a":"日本"}', 'last']);
  });

  it('reads a results file only as fast as its lines are taken (readline reads 1,024 lines ahead)', async () => {
    const file = path.join(tempDir('lines-'), 'big.jsonl');
    const line = 'x'.repeat(100_000);
    fs.writeFileSync(file, Array.from({ length: 200 }, () => line).join('\n') + '\n');
    let reads = 0;
    let pending = 0;
    const lines = fileLines(file, { chunkBytes: 64 * 1024 });
    // The file's reads, counted: how far the reader has gone once the consumer has taken 3 lines.
    const realRead = fs.read;
    fs.read = ((...args: unknown[]) => {
      reads += 1;
      pending += 1;
      const done = args[args.length - 1] as (...r: unknown[]) => void;
      return (realRead as (...a: unknown[]) => void)(...args.slice(0, -1), (...r: unknown[]) => {
        pending -= 1;
        done(...r);
      });
    }) as typeof fs.read;
    try {
      for (let i = 0; i < 3; i++) expect((await lines.next()).value).toHaveLength(100_000);
      // Until the reader stops by itself: with no read in flight, it reads no further.
      while (pending > 0) await new Promise((r) => setImmediate(r));
      // Three lines of 100 KB are ~5 chunks of 64 KB, and a stream keeps one more buffered; the
      // whole file is 306 chunks, which readline's read-ahead would have gone through.
      expect(reads).toBeLessThan(12);
    } finally {
      fs.read = realRead;
      await lines.return(undefined);
    }
  });
});
