/**
 * One row of a batch file → one image request, checked column by column against the model the
 * batch runs on, with every problem named by its row and column in a person's words.
 */
import path from 'node:path';
import type { BatchRow, RowProblem } from '../../../../shared/domain/batchFile';
import { ALL_ASPECT_RATIOS, IMAGE_SIZES, MODEL_TIERS, THINKING_LEVELS, type AspectRatio, type ImageSize, type ModelTier, type ThinkingLevel } from '../../../../shared/domain/vocabulary';
import { checkRequest } from '../../../../shared/models/checkRequest';
import { type ModelCapabilities } from '../../../../shared/models/catalogue';

export type Column = 'prompt' | 'ratio' | 'size' | 'class' | 'model' | 'thinking' | 'references' | 'filename' | 'tags' | 'collection';

/** Header spellings people use, normalised (lower case, no spaces, dashes or underscores). */
const ALIASES: Record<string, Column> = {
  prompt: 'prompt', text: 'prompt',
  ratio: 'ratio', aspectratio: 'ratio', aspect: 'ratio',
  size: 'size', imagesize: 'size', resolution: 'size',
  class: 'class', tier: 'class',
  model: 'model', modelid: 'model',
  thinking: 'thinking', thinkinglevel: 'thinking',
  references: 'references', reference: 'references', refs: 'references', referencefiles: 'references', referencepaths: 'references', referencefilepaths: 'references',
  filename: 'filename', file: 'filename', name: 'filename',
  tags: 'tags', tag: 'tags',
  collection: 'collection',
};

export const COLUMN_LIST = 'prompt, ratio, size, class or model, thinking, references, filename, tags, collection';

export function columnOf(header: string): Column | null {
  return ALIASES[header.toLowerCase().replace(/[\s_-]+/g, '')] ?? null;
}

/** What the whole file runs on; a row may name its class or model only to agree with it. */
export interface BatchTarget {
  tier: ModelTier;
  modelId: string;
  caps: ModelCapabilities;
}

export interface RowContext {
  target: BatchTarget;
  /** Where relative reference paths start from (the file's folder), or null when only its text is known. */
  baseDir: string | null;
  /** Whether a reference path names a readable file: stat results are cached by the caller. */
  fileExists: (absPath: string) => Promise<boolean>;
}

const RATIOS = new Set<string>(ALL_ASPECT_RATIOS);
const SIZES = new Map(IMAGE_SIZES.map((s) => [s.toLowerCase(), s] as const));
const LEVELS = new Set<string>(THINKING_LEVELS);
const IMAGE_EXT = /\.(png|jpe?g|webp|heic|heif)$/i;
/** Characters a file name cannot hold on Windows, macOS or Linux. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name cannot hold
const BAD_NAME = /[<>:"/\\|?*\x00-\x1f]/;

const split = (s: string, by: RegExp): string[] =>
  s
    .split(by)
    .map((x) => x.trim())
    .filter((x) => x !== '');

/**
 * Checks one row (values by column; missing columns are empty) and returns it ready to send, or
 * the problems that stop it. `row` is the number the user sees: the sheet's row, or a JSONL line.
 */
export async function checkRow(row: number, values: Partial<Record<Column, string>>, ctx: RowContext): Promise<{ row: BatchRow } | { problems: RowProblem[] }> {
  const problems: RowProblem[] = [];
  const bad = (column: string, message: string) => problems.push({ row, column, message });
  const v = (c: Column): string => (values[c] ?? '').trim();
  const { target } = ctx;

  const prompt = v('prompt');
  if (prompt === '') bad('prompt', 'The prompt is empty.');
  else if (prompt.length > 20_000) bad('prompt', `The prompt has ${prompt.length.toLocaleString('en')} characters; 20,000 at most.`);

  const cls = v('class').toLowerCase();
  if (cls !== '') {
    if (!(MODEL_TIERS as readonly string[]).includes(cls)) bad('class', `“${v('class')}” is not a class; use ${MODEL_TIERS.join(', ')}.`);
    else if (cls !== target.tier) bad('class', `This batch runs on ${target.modelId} (${target.tier}); a batch runs one model, so put ${cls} rows in a file of their own.`);
  }
  const model = v('model').replace(/^models\//, '');
  if (model !== '' && model !== target.modelId) bad('model', `This batch runs on ${target.modelId}; a batch runs one model, so put ${model} rows in a file of their own.`);

  let aspectRatio: AspectRatio | null = null;
  const ratio = v('ratio').toLowerCase();
  if (ratio !== '' && ratio !== 'auto') {
    if (!RATIOS.has(ratio)) bad('ratio', `“${v('ratio')}” is not an aspect ratio; write it like 16:9, or leave it empty.`);
    else aspectRatio = ratio as AspectRatio;
  }
  let imageSize: ImageSize | null = null;
  const size = v('size').toLowerCase();
  if (size !== '') {
    const s = SIZES.get(size);
    if (!s) bad('size', `“${v('size')}” is not a size; use ${IMAGE_SIZES.join(', ')}, or leave it empty.`);
    else imageSize = s;
  }
  let thinkingLevel: ThinkingLevel | null = null;
  const level = v('thinking').toLowerCase();
  if (level !== '') {
    if (!LEVELS.has(level)) bad('thinking', `“${v('thinking')}” is not a thinking level; use ${THINKING_LEVELS.join(', ')}, or leave it empty.`);
    else thinkingLevel = level as ThinkingLevel;
  }

  const references: string[] = [];
  for (const ref of split(v('references'), /[;|\n]/)) {
    const abs = path.isAbsolute(ref) ? ref : ctx.baseDir ? path.resolve(ctx.baseDir, ref) : null;
    if (!abs) bad('references', `“${ref}” is a relative path; drop the file from the desktop (so Atelier knows its folder) or give the full path.`);
    else if (!IMAGE_EXT.test(abs)) bad('references', `“${ref}” is not a PNG, JPEG, WebP or HEIC photo.`);
    else if (!(await ctx.fileExists(abs))) bad('references', `There is no file at “${ref}”.`);
    else references.push(abs);
  }

  const filename = v('filename');
  if (filename !== '' && (BAD_NAME.test(filename) || filename.length > 200)) bad('filename', `“${filename}” cannot be a file name: leave out < > : " / \\ | ? * and keep it under 200 characters.`);
  const tags = split(v('tags'), /[;,]/);
  for (const t of tags) if (t.length > 100) bad('tags', `The tag “${t.slice(0, 20)}…” is longer than 100 characters.`);
  const collection = v('collection');
  if (collection.length > 120) bad('collection', 'The collection name is longer than 120 characters.');

  // What the model itself refuses (a ratio it lacks, a level it has no control for, too many photos).
  if (problems.length === 0) {
    const refused = checkRequest(target.caps, { aspectRatio, imageSize, thinkingLevel, references: references.map(() => ({ kind: 'object' as const })) });
    if (refused) bad(columnOfRefusal(refused), refused);
  }
  if (problems.length) return { problems };
  return { row: { row, prompt, aspectRatio, imageSize, thinkingLevel, references, filename: filename || null, tags, collection: collection || null } };
}

/** Which column a checkRequest sentence is about, so the error points at the right cell. */
function columnOfRefusal(sentence: string): string {
  if (/aspect ratio/.test(sentence)) return 'ratio';
  if (/images\. Choose|output size|cannot make/.test(sentence)) return 'size';
  if (/reference/.test(sentence)) return 'references';
  if (/think/.test(sentence)) return 'thinking';
  return 'prompt';
}
