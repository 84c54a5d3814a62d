/**
 * The first pass over a dropped file: every row read and checked, the valid ones written to the
 * batch's own rows file (NDJSON) as they come, the first rows kept for the preview. Nothing is
 * sent and the file is never held whole.
 */
import { createReadStream, createWriteStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { BatchRow, RowProblem } from '../../../../shared/domain/batchFile';
import { estimateRequestCost } from '../../../../shared/models/pricing';
import { CsvReadError, csvRecords } from './csv';
import { COLUMN_LIST, checkRow, columnOf, type BatchTarget, type Column } from './rows';

export const PREVIEW_ROWS = 20;
const YIELD_EVERY = 100;
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const PROBLEMS_KEPT = 200;
/** Google's Batch API input file limit is 2 GB; this many rows is far below it and keeps imports sane. */
export const MAX_ROWS = 50_000;

export interface Inspection {
  format: 'csv' | 'jsonl';
  rows: number;
  preview: BatchRow[];
  problems: RowProblem[];
  problemCount: number;
  references: number;
  ignoredColumns: string[];
  estimateUsd: number;
}

export function formatOf(name: string): 'csv' | 'jsonl' | null {
  if (/\.(csv|tsv|txt)$/i.test(name)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(name)) return 'jsonl';
  return null;
}

/** Writes lines with backpressure: a slow disk slows the reader instead of filling memory. */
export class LineWriter {
  private readonly out;
  constructor(file: string) {
    this.out = createWriteStream(file);
  }
  async write(line: string): Promise<void> {
    if (!this.out.write(line + '\n')) await once(this.out, 'drain');
  }
  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}

/** Reads `source`, checks each row against `target`, writes the valid rows to `rowsFile`. */
export async function inspectFile(source: string, format: 'csv' | 'jsonl', target: BatchTarget, rowsFile: string, baseDir: string | null): Promise<Inspection> {
  const exists = new Map<string, Promise<boolean>>();
  const fileExists = (p: string): Promise<boolean> => {
    let e = exists.get(p);
    if (!e) {
      e = fsp.stat(p).then((s) => s.isFile(), () => false);
      exists.set(p, e);
    }
    return e;
  };
  const out = new LineWriter(rowsFile);
  const result: Inspection = { format, rows: 0, preview: [], problems: [], problemCount: 0, references: 0, ignoredColumns: [], estimateUsd: 0 };
  const distinctRefs = new Set<string>();
  const problem = (p: RowProblem) => {
    result.problemCount += 1;
    if (result.problems.length < PROBLEMS_KEPT) result.problems.push(p);
  };
  const take = async (row: number, values: Partial<Record<Column, string>>) => {
    if (result.rows >= MAX_ROWS) {
      if (result.rows === MAX_ROWS) problem({ row, column: 'prompt', message: `A batch file holds at most ${MAX_ROWS.toLocaleString('en')} rows; split the file.` });
      result.rows += 1;
      return;
    }
    result.rows += 1;
    // Rows of one chunk are checked in microtasks: give the event loop a turn every so often.
    if (result.rows % YIELD_EVERY === 0) await yieldToLoop();
    const checked = await checkRow(row, values, { target, baseDir, fileExists });
    if ('problems' in checked) {
      for (const p of checked.problems) problem(p);
      return;
    }
    const r = checked.row;
    for (const ref of r.references) distinctRefs.add(ref);
    result.estimateUsd += estimateRequestCost(target.caps, { imageSize: r.imageSize, references: r.references, promptChars: r.prompt.length }, { batch: true });
    if (result.preview.length < PREVIEW_ROWS) result.preview.push(r);
    await out.write(JSON.stringify(r));
  };

  try {
    if (format === 'csv') await readCsv(source, take, result, problem);
    else await readJsonl(source, take, problem);
  } finally {
    await out.close();
  }
  if (result.rows === 0 && result.problemCount === 0) problem({ row: 1, column: 'prompt', message: 'The file has no rows to send.' });
  result.references = distinctRefs.size;
  return result;
}

async function readCsv(source: string, take: (row: number, v: Partial<Record<Column, string>>) => Promise<void>, result: Inspection, problem: (p: RowProblem) => void): Promise<void> {
  let columns: Array<Column | null> | null;
  try {
    columns = await readCsvRecords(source, take, result, problem);
  } catch (err) {
    if (!(err instanceof CsvReadError)) throw err;
    problem({ row: err.line, column: '(line)', message: err.message });
    return;
  }
  if (!columns) problem({ row: 1, column: 'prompt', message: 'The file is empty.' });
}

async function readCsvRecords(
  source: string,
  take: (row: number, v: Partial<Record<Column, string>>) => Promise<void>,
  result: Inspection,
  problem: (p: RowProblem) => void,
): Promise<Array<Column | null> | null> {
  let columns: Array<Column | null> | null = null;
  for await (const rec of csvRecords(createReadStream(source, { encoding: 'utf8', highWaterMark: 16 * 1024 }))) {
    if (!columns) {
      columns = rec.fields.map(columnOf);
      result.ignoredColumns = rec.fields.filter((h, i) => columns![i] === null && h.trim() !== '').map((h) => h.trim());
      if (!columns.includes('prompt')) {
        problem({ row: rec.line, column: 'prompt', message: `The first row names the columns, and none of them is “prompt”. Atelier reads: ${COLUMN_LIST}.` });
        return columns;
      }
      continue;
    }
    const values: Partial<Record<Column, string>> = {};
    rec.fields.forEach((f, i) => {
      const c = columns![i];
      if (c) values[c] = f;
    });
    await take(rec.line, values);
  }
  return columns;
}

async function readJsonl(source: string, take: (row: number, v: Partial<Record<Column, string>>) => Promise<void>, problem: (p: RowProblem) => void): Promise<void> {
  const lines = createInterface({ input: createReadStream(source, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n += 1;
    if (line.trim() === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      problem({ row: n, column: '(line)', message: 'This line is not valid JSON.' });
      continue;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      problem({ row: n, column: '(line)', message: 'Each line must be one JSON object, like {"prompt": "…"}.' });
      continue;
    }
    const values: Partial<Record<Column, string>> = {};
    for (const [k, raw] of Object.entries(obj)) {
      const c = columnOf(k);
      if (!c) continue;
      values[c] = Array.isArray(raw) ? raw.map(String).join(';') : raw === null || raw === undefined ? '' : String(raw);
    }
    await take(n, values);
  }
}

/** Reads the rows file back one row at a time. */
export async function* readRows(rowsFile: string): AsyncGenerator<BatchRow> {
  const lines = createInterface({ input: createReadStream(rowsFile, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as BatchRow;
}

export const workFile = (dir: string, name: 'rows.ndjson' | 'input.jsonl' | 'results.jsonl' | 'results.part' | 'source'): string => path.join(dir, name);
