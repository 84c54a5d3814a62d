/**
 * A streaming RFC 4180 reader: quoted fields, doubled quotes, commas, semicolons or tabs,
 * newlines inside quotes, CRLF or LF, a UTF-8 byte-order mark. Records come out one at a time
 * so a 10,000-row sheet is never held whole.
 *
 * Hand-written because no CSV package is installed here (csv-parse 7 would be the choice: see
 * the report); it is small and the tests cover the quoting cases spreadsheets produce.
 */

export interface CsvRecord {
  fields: string[];
  /** The physical line the record starts on (1-based): what a spreadsheet calls its row. */
  line: number;
}

/** The separator a spreadsheet used, judged from the header line (Excel in many locales writes `;`). */
export function sniffDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

export async function* csvRecords(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<CsvRecord> {
  let delimiter: string | null = null;
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  /** Just saw a quote inside a quoted field: either the end of it or the first of a doubled one. */
  let quoteSeen = false;
  let line = 1;
  let recordLine = 1;
  let first = true;
  let pendingCr = false;
  let head = '';

  const endRecord = (): CsvRecord | null => {
    fields.push(field);
    field = '';
    const rec = fields;
    fields = [];
    // A blank line is no record.
    if (rec.length === 1 && rec[0] === '') return null;
    return { fields: rec, line: recordLine };
  };

  for await (const raw of chunks) {
    let text = typeof raw === 'string' ? raw : raw.toString('utf8');
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (delimiter === null) {
      head += text;
      const nl = head.indexOf('\n');
      if (nl < 0) continue;
      delimiter = sniffDelimiter(head.slice(0, nl));
      text = head;
      head = '';
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (pendingCr) {
        pendingCr = false;
        if (c === '\n') continue;
      }
      if (quoted) {
        if (quoteSeen) {
          quoteSeen = false;
          if (c === '"') {
            field += '"';
            continue;
          }
          quoted = false;
          // fall through: the character after a closing quote is read as outside quotes
        } else if (c === '"') {
          quoteSeen = true;
          continue;
        } else {
          if (c === '\n') line += 1;
          field += c;
          continue;
        }
      }
      if (c === '"' && field === '') {
        quoted = true;
      } else if (c === delimiter) {
        fields.push(field);
        field = '';
      } else if (c === '\n' || c === '\r') {
        if (c === '\r') pendingCr = true;
        const rec = endRecord();
        line += 1;
        recordLine = line;
        if (rec) yield rec;
      } else {
        field += c;
      }
    }
  }
  if (delimiter === null && head !== '') {
    // One line and no newline at all: parse it as it is.
    yield* csvRecords((async function* () {
      yield head + '\n';
    })());
    return;
  }
  if (field !== '' || fields.length > 0) {
    const rec = endRecord();
    if (rec) yield rec;
  }
}
