import { describe, expect, it } from 'vitest';
import { CsvReadError, csvRecords } from '../../../../../electron/services/batch/file/csv';

async function parse(chunks: string[]): Promise<Array<{ fields: string[]; line: number }>> {
  const out = [];
  for await (const r of csvRecords((async function* () {
    yield* chunks;
  })())) out.push(r);
  return out;
}

describe('csvRecords', () => {
  it('reads quoted fields, doubled quotes, commas and newlines inside quotes, with the line each record starts on', async () => {
    const text = 'prompt,tags\n"a pear, ripe","fruit;still life"\n"she said ""hi""",x\n"two\nlines",y\n';
    expect(await parse([text])).toEqual([
      { fields: ['prompt', 'tags'], line: 1 },
      { fields: ['a pear, ripe', 'fruit;still life'], line: 2 },
      { fields: ['she said "hi"', 'x'], line: 3 },
      { fields: ['two\nlines', 'y'], line: 4 },
    ]);
  });

  it('gives the same records whatever the chunk boundaries (a quote split across chunks, CRLF split)', async () => {
    const text = '\uFEFFprompt;ratio\r\n"a ""quoted"" one";16:9\r\n\r\nlast;1:1';
    const whole = await parse([text]);
    expect(whole).toEqual([
      { fields: ['prompt', 'ratio'], line: 1 },
      { fields: ['a "quoted" one', '16:9'], line: 2 },
      { fields: ['last', '1:1'], line: 4 },
    ]);
    for (let cut = 1; cut < text.length; cut++) expect(await parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
  });

  it('reads tab-separated files and a file of one line without a newline', async () => {
    expect(await parse(['prompt\tsize\nfig\t2K\n'])).toEqual([
      { fields: ['prompt', 'size'], line: 1 },
      { fields: ['fig', '2K'], line: 2 },
    ]);
    expect(await parse(['prompt'])).toEqual([{ fields: ['prompt'], line: 1 }]);
  });

  it('keeps a stray quote inside an unquoted field as a character, and names the line of a quote never closed', async () => {
    expect(await parse(['prompt,size\na 12" record,1K\n'])).toEqual([
      { fields: ['prompt', 'size'], line: 1 },
      { fields: ['a 12" record', '1K'], line: 2 },
    ]);
    const err = await parse(['prompt,size\nfig,1K\n"open,2K\nmore,4K\n']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvReadError);
    expect((err as CsvReadError).message).toMatch(/quote .* never closed/);
  });
});
