/**
 * Series through createAtelier, the router, the real SDK and the fake Gemini server: stored with
 * every roll, surviving a restart, generated as independent requests or as one chat, exported as
 * numbered files and a contact sheet.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Element, Job, Series, SeriesSummary } from '../../../../shared/ipc/contract';
import { sheetLayout } from '../../../../electron/services/images/contactSheet';
import { noDesktop } from '../../../../electron/services/desktop/DesktopShell';
import { atelierFixture, type Session } from '../../../support/atelierFixture';
import { tempDir } from '../../../support/tmp';

const fx = atelierFixture({ key: 'AIzaSeriesTestKey000000000000000000000000', fake: true });

const WORDS = ['Anna wakes up', 'Anna finds a map', 'Anna crosses the river', 'Anna reaches the tower'];

const draft = (over: Record<string, unknown> = {}) => ({ title: 'The tower', panels: WORDS, style: 'ink and watercolour', aspectRatio: '4:3', tier: 'flash', mode: 'independent', ...over });

/** Resolves once `done` holds for the series (checked now, then on each `series.updated`/`job.updated`). */
async function until(s: Session, id: string, done: (series: Series) => boolean): Promise<Series> {
  for (let i = 0; i < 200; i++) {
    const now = await s.call<Series>('series.get', { id });
    if (done(now)) return now;
    await new Promise<void>((resolve) => {
      const off = s.atelier.events.onAny((event) => {
        if (event === 'series.updated' || event === 'job.updated') {
          off();
          resolve();
        }
      });
    });
  }
  throw new Error('the series never got there');
}

const allMade = (series: Series) => series.panels.every((p) => p.current?.state === 'succeeded' && p.current.assetId);

function generateBodies(): Array<{ contents: Array<{ role?: string; parts: Array<{ text?: string; inlineData?: unknown }> }> }> {
  return fx.fake.requests.filter((r) => r.action === 'generateContent' || r.action === 'streamGenerateContent').map((r) => r.body as never);
}

async function anElement(s: Session): Promise<Element> {
  const job = await s.generate({ prompt: 'a portrait of Anna' });
  await s.atelier.queue.whenIdle();
  const assetId = s.atelier.queue.get(job.id).assetIds[0]!;
  return s.call<Element>('elements.create', { name: 'Anna', kind: 'person', assetIds: [assetId] });
}

describe('a stored series', () => {
  it('keeps its title, panels, style, ratio, model, mode and Elements, and comes back after a restart with its panels’ pictures', async () => {
    const first = await fx.start();
    const anna = await anElement(first);
    const saved = await first.call<Series>('series.save', draft({ tier: 'pro', elements: [{ id: anna.id, name: anna.name, kind: anna.kind, assetIds: anna.assetIds }] }));
    expect(saved).toMatchObject({ title: 'The tower', style: 'ink and watercolour', aspectRatio: '4:3', tier: 'pro', mode: 'independent' });
    await first.call('series.generate', { id: saved.id });
    const made = await until(first, saved.id, allMade);
    await first.stop();

    const second = await fx.start({ userDataDir: first.userDataDir });
    const list = await second.call<{ series: SeriesSummary[] }>('series.list');
    expect(list.series).toEqual([expect.objectContaining({ id: saved.id, title: 'The tower', panelCount: 4, mode: 'independent', coverAssetId: made.panels[0]!.current!.assetId })]);
    const back = await second.call<Series>('series.get', { id: saved.id });
    expect(back.panels.map((p) => p.prompt)).toEqual(WORDS);
    expect(back.elements).toEqual([{ id: anna.id, name: 'Anna', kind: 'person', assetIds: anna.assetIds }]);
    expect(back.panels.map((p) => p.current?.assetId)).toEqual(made.panels.map((p) => p.current?.assetId));
    expect(back.tier).toBe('pro');
  });

  it('keeps every roll of a panel, the newest as its current picture, and the other panels as they were', async () => {
    const s = await fx.start();
    const saved = await s.call<Series>('series.save', draft());
    await s.call('series.generate', { id: saved.id });
    const before = await until(s, saved.id, allMade);
    await s.call('series.reroll', { id: saved.id, panel: 2 });
    const after = await until(s, saved.id, (x) => x.panels[2]!.rolls.length === 2 && allMade(x));
    expect(after.panels[2]!.rolls.map((r) => r.assetId)).toEqual([before.panels[2]!.current!.assetId, after.panels[2]!.current!.assetId]);
    expect(after.panels[2]!.current!.assetId).not.toBe(before.panels[2]!.current!.assetId);
    for (const i of [0, 1, 3]) expect(after.panels[i]!.current).toEqual(before.panels[i]!.current);
  });

  it('an update keeps the rolls of panels that remain and drops the rest', async () => {
    const s = await fx.start();
    const saved = await s.call<Series>('series.save', draft());
    await s.call('series.generate', { id: saved.id });
    const made = await until(s, saved.id, allMade);
    const shorter = await s.call<Series>('series.save', draft({ id: saved.id, title: 'Shorter', panels: ['Anna wakes up, late', 'Anna finds a map', 'The end'] }));
    expect(shorter.panels.map((p) => p.current?.assetId)).toEqual(made.panels.slice(0, 3).map((p) => p.current?.assetId));
    expect(shorter.title).toBe('Shorter');
  });

  it('refuses bad input in a person’s words', async () => {
    const s = await fx.start();
    expect(await s.tryCall('series.save', draft({ title: '' }))).toMatchObject({ ok: false, code: 'bad_input', message: expect.stringContaining('Give the series a title.') });
    expect(await s.tryCall('series.save', draft({ panels: ['only one'] }))).toMatchObject({ ok: false, message: expect.stringContaining('A series has at least 2 panels.') });
    expect(await s.tryCall('series.save', draft({ panels: Array(9).fill('x') }))).toMatchObject({ ok: false, message: expect.stringContaining('A series has at most 8 panels.') });
    expect(await s.tryCall('series.save', draft({ mode: 'both' }))).toMatchObject({ ok: false, code: 'bad_input' });
    expect(await s.tryCall('series.reroll', { id: crypto.randomUUID(), panel: 8 })).toMatchObject({ ok: false, code: 'bad_input' });
    const saved = await s.call<Series>('series.save', draft({ panels: ['Anna wakes up', '  '] }));
    expect(await s.tryCall('series.generate', { id: saved.id })).toMatchObject({ ok: false, message: 'Write panel 2 first.' });
    expect(await s.tryCall('series.get', { id: crypto.randomUUID() })).toMatchObject({ ok: false, code: 'not_found', message: 'That series is no longer in the library.' });
  });
});

describe('one chat', () => {
  it('sends the panels in order as turns of one conversation, each with the earlier panels in its history, the Elements’ pictures once', async () => {
    const s = await fx.start();
    const anna = await anElement(s);
    fx.fake.requests.length = 0;
    const saved = await s.call<Series>('series.save', draft({ mode: 'chat', elements: [{ id: anna.id, name: anna.name, kind: anna.kind, assetIds: anna.assetIds }] }));
    await s.call('series.generate', { id: saved.id });
    const made = await until(s, saved.id, allMade);
    const bodies = generateBodies();
    expect(bodies).toHaveLength(4);
    // Panel k goes out after k-1 exchanges: 2k-1 contents, user and model turns alternating.
    expect(bodies.map((b) => b.contents.length)).toEqual([1, 3, 5, 7]);
    for (const [k, b] of bodies.entries()) {
      expect(b.contents.map((c) => c.role)).toEqual(Array.from({ length: 2 * k + 1 }, (_, i) => (i % 2 ? 'model' : 'user')));
      expect(b.contents.at(-1)!.parts.map((p) => p.text ?? '').join(' ')).toContain(`Panel ${k + 1} of 4: ${WORDS[k]}`);
      // The reference travels with the first turn only, and stays in the history after it.
      expect(b.contents[0]!.parts.filter((p) => p.inlineData)).toHaveLength(1);
      expect(b.contents.slice(1).filter((c) => c.role === 'user').flatMap((c) => c.parts).filter((p) => p.inlineData)).toHaveLength(0);
      // Every earlier panel's picture is in the history.
      expect(b.contents.filter((c) => c.role === 'model' && c.parts.some((p) => p.inlineData))).toHaveLength(k);
    }
    const conversations = new Set(made.panels.map((p) => p.current!.conversationId));
    expect(conversations.size).toBe(1);
  });

  it('re-rolling panel 3 regenerates from the conversation up to panel 2, and leaves panels 1, 2 and 4', async () => {
    const s = await fx.start();
    const saved = await s.call<Series>('series.save', draft({ mode: 'chat' }));
    await s.call('series.generate', { id: saved.id });
    const before = await until(s, saved.id, allMade);
    fx.fake.requests.length = 0;
    await s.call('series.reroll', { id: saved.id, panel: 2 });
    const after = await until(s, saved.id, (x) => x.panels[2]!.rolls.length === 2 && allMade(x));
    const [body] = generateBodies();
    expect(generateBodies()).toHaveLength(1);
    expect(body!.contents).toHaveLength(5);
    const texts = body!.contents.filter((c) => c.role === 'user').map((c) => c.parts.map((p) => p.text ?? '').join(' '));
    expect(texts[0]).toContain('Panel 1 of 4');
    expect(texts[1]).toContain('Panel 2 of 4');
    expect(texts[2]).toContain('Panel 3 of 4');
    expect(body!.contents.join(' ')).not.toContain('Panel 4 of 4');
    expect(after.panels[2]!.current!.conversationId).not.toBe(before.panels[2]!.current!.conversationId);
    for (const i of [0, 1, 3]) expect(after.panels[i]!.current).toEqual(before.panels[i]!.current);
  });

  it('stops at a panel Gemini refused; re-rolling that panel carries on into the panels after it', async () => {
    const s = await fx.start();
    const saved = await s.call<Series>('series.save', draft({ mode: 'chat' }));
    fx.fake.enqueue({ kind: 'success' }, { kind: 'promptBlocked' });
    await s.call('series.generate', { id: saved.id });
    const stopped = await until(s, saved.id, (x) => x.panels[1]!.current?.state === 'failed');
    await s.atelier.queue.whenIdle();
    expect(stopped.panels.map((p) => p.current?.state ?? null)).toEqual(['succeeded', 'failed', null, null]);
    fx.fake.requests.length = 0;
    await s.call('series.reroll', { id: saved.id, panel: 1 });
    const done = await until(s, saved.id, allMade);
    expect(generateBodies().map((b) => b.contents.length)).toEqual([3, 5, 7]);
    expect(done.panels[0]!.current).toEqual(stopped.panels[0]!.current);
  });

  it('a chain cut by a quit after a panel’s answer carries on at the next start', async () => {
    const first = await fx.start();
    const saved = await first.call<Series>('series.save', draft({ mode: 'chat', panels: WORDS.slice(0, 2) }));
    // Panel 1 is answered and stored, then the app stops before panel 2 is asked for.
    const conv = await first.call<{ id: string }>('chat.create', { tier: 'flash' });
    const job = await first.call<Job>('chat.send', { conversationId: conv.id, prompt: 'Panel 1 of 2: Anna wakes up', aspectRatio: '4:3' });
    first.atelier.db.prepare('INSERT INTO series_rolls (job_id, series_id, position, conversation_id, chain, created_at) VALUES (?, ?, 0, ?, 1, 1)').run(job.id, saved.id, conv.id);
    await first.atelier.queue.whenIdle();
    first.atelier.db.prepare('DELETE FROM series_rolls WHERE position = 1').run();
    first.atelier.db.prepare('UPDATE series_rolls SET chain = 1').run();
    await first.stop();
    const second = await fx.start({ userDataDir: first.userDataDir });
    const done = await until(second, saved.id, allMade);
    expect(done.panels[1]!.current!.conversationId).toBe(conv.id);
  });
});

describe('export', () => {
  it('writes title-01 … title-04 and a contact sheet of the 4 panels in a 2 × 2 grid with their numbers', async () => {
    const folder = tempDir();
    const s = await fx.start({ tuning: { desktop: { ...noDesktop, chooseFolder: async () => folder } } });
    const saved = await s.call<Series>('series.save', draft({ title: 'The tower' }));
    await s.call('series.generate', { id: saved.id });
    await until(s, saved.id, allMade);
    const out = await s.call<{ folder: string; written: string[]; sheet: string | null }>('series.export', { id: saved.id });
    expect(out.folder).toBe(folder);
    expect(out.written.map((f) => path.basename(f))).toEqual(['The-tower-01.png', 'The-tower-02.png', 'The-tower-03.png', 'The-tower-04.png']);
    expect(path.basename(out.sheet!)).toBe('The-tower-sheet.png');
    const layout = sheetLayout(4, { w: 4, h: 3 });
    const meta = await sharp(out.sheet!).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', layout.width, layout.height]);
    expect([layout.columns, layout.rows]).toEqual([2, 2]);
    expect(fs.readdirSync(folder).sort()).toEqual([...out.written.map((f) => path.basename(f)), 'The-tower-sheet.png'].sort());
  });

  it('says so when no panel has a picture yet', async () => {
    const s = await fx.start({ tuning: { desktop: { ...noDesktop, chooseFolder: async () => tempDir() } } });
    const saved = await s.call<Series>('series.save', draft());
    expect(await s.tryCall('series.export', { id: saved.id })).toMatchObject({ ok: false, code: 'bad_input', message: 'No panel has a picture yet; generate the series first.' });
  });
});
