/**
 * Records of a CSV sheet, read as a stream with csv-parse so a 10,000-row sheet is never held
 * whole: quoted fields, doubled quotes, commas, semicolons or tabs, newlines inside quotes, CRLF,
 * LF or CR, a UTF-8 byte-order mark.
 *
 * csv-parse is strict where spreadsheets are not; `relax_quotes` keeps a stray quote inside an
 * unquoted field as a character (a prompt saying 12" vinyl), and `relax_column_count` leaves
 * short or long rows to the row check, which names the column that is missing.
 */
import { CsvError, parse } from 'csv-parse';

export interface CsvRecord {
  fields: string[];
  /** The physical line the record starts on (1-based): what a spreadsheet calls its row. */
  line: number;
}

/** A sheet csv-parse could not read to the end (a quote never closed), with the line it stopped on. */
export class CsvReadError extends Error {
  override readonly name = 'CsvReadError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** The separator a spreadsheet used, judged from the header line (Excel in many locales writes `;`). */
export function sniffDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

/** Line breaks inside a record's fields (CRLF counts once), to find the line it started on from the one it ended on. */
const breaksIn = (fields: readonly string[]): number => fields.reduce((n, f) => n + (f.match(/\r\n|\n|\r/g)?.length ?? 0), 0);

export async function* csvRecords(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<CsvRecord> {
  const source = chunks[Symbol.asyncIterator]();
  // The separator is judged from the header line: read up to its end before the parser starts.
  let head = '';
  let ended = false;
  while (!/[\r\n]/.test(head)) {
    const next = await source.next();
    if (next.done) {
      ended = true;
      break;
    }
    head += typeof next.value === 'string' ? next.value : next.value.toString('utf8');
  }
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const delimiter = sniffDelimiter(head.split(/\r\n|\n|\r/, 1)[0]!);
  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  });
  // Fed with backpressure: a slow consumer pauses the file instead of filling the parser's buffer.
  const feed = (async () => {
    try {
      if (head && !parser.write(head)) await drained(parser);
      if (!ended) {
        for (let next = await source.next(); !next.done; next = await source.next()) {
          if (parser.destroyed) return;
          if (!parser.write(next.value)) await drained(parser);
        }
      }
      parser.end();
    } catch (err) {
      parser.destroy(err as Error);
    }
  })();
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { fields: record, line: info.lines - breaksIn(record) };
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? 1;
      throw new CsvReadError(err.code === 'CSV_QUOTE_NOT_CLOSED' ? `A quote opened on or before line ${line} is never closed.` : `The sheet cannot be read as CSV at line ${line} (${err.message}).`, line);
    }
    throw err;
  } finally {
    if (!parser.destroyed) parser.destroy();
    await feed;
  }
}

function drained(parser: ReturnType<typeof parse>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off('drain', done);
      parser.off('close', done);
      resolve();
    };
    parser.on('drain', done);
    parser.on('close', done);
  });
}
