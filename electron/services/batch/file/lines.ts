/**
 * The lines of a file, read only as fast as the caller takes them.
 *
 * readline's async iterator is not that: on Node 20 it buffers up to 1,024 lines before it pauses
 * the file (`highWaterMark: 1024` in its `events.on`), and a results line carries a whole image in
 * base64 (~120 KB), so an import that stores images slower than the disk reads them held ~120 MB
 * of lines it had not reached. Here a chunk is read only when the lines before it were taken.
 */
import { createReadStream } from 'node:fs';

const NEWLINE = 0x0a;
const CR = 0x0d;

export async function* fileLines(file: string, { chunkBytes = 256 * 1024 }: { chunkBytes?: number } = {}): AsyncGenerator<string> {
  // A line cut by a chunk boundary waits as bytes: a multi-byte character may be split there too.
  let carry: Buffer | null = null;
  const text = (b: Buffer, from: number, to: number): string => b.toString('utf8', from, to > from && b[to - 1] === CR ? to - 1 : to);
  for await (const read of createReadStream(file, { highWaterMark: chunkBytes })) {
    const chunk: Buffer = carry ? Buffer.concat([carry, read as Buffer]) : (read as Buffer);
    carry = null;
    let at = 0;
    for (let nl = chunk.indexOf(NEWLINE, at); nl >= 0; nl = chunk.indexOf(NEWLINE, at)) {
      yield text(chunk, at, nl);
      at = nl + 1;
    }
    // A copy, not a view: a view would keep the whole chunk alive for the few bytes left over.
    if (at < chunk.length) carry = Buffer.from(chunk.subarray(at));
  }
  if (carry) yield text(carry, 0, carry.length);
}
