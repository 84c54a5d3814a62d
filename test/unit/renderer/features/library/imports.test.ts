/** The import store, built fresh per test: progress from main adds up across slices, and a second import waits its turn. */
import { describe, expect, it } from 'vitest';
import { createImportStore } from '../../../../../renderer/src/features/library/imports';
import { fakeBridge, ok } from '../../support/fakeBridge';

type Input = { files: Array<{ name: string }>; importId: string };

describe('import store', () => {
  it('counts what main imported, what it already had and what it refused', async () => {
    fakeBridge({
      'library.import': (input: unknown) =>
        ok({
          imported: (input as Input).files.slice(0, 2).map((f, i) => ({ id: f.name, duplicate: i === 1 })),
          rejected: [{ name: 'notes.txt', reason: 'Not an image.' }],
        }),
    });
    const imports = createImportStore();
    await imports.getState().start([{ name: 'a.png', path: '/p/a.png' }, { name: 'b.png', path: '/p/b.png' }, { name: 'notes.txt', path: '/p/notes.txt' }]);
    expect(imports.getState().task).toMatchObject({ phase: 'finished', total: 3, done: 3, imported: 1, duplicates: 1, rejected: 1, rejectedFiles: [{ name: 'notes.txt', reason: 'Not an image.' }], error: null });
  });

  it('shows main’s progress for the slice in flight, and ignores another import’s', async () => {
    let answer!: (v: unknown) => void;
    let importId = '';
    fakeBridge({
      'library.import': (input: unknown) => {
        importId = (input as Input).importId;
        return new Promise((resolve) => (answer = resolve));
      },
    });
    const imports = createImportStore();
    const running = imports.getState().start([{ name: 'a.png', path: '/p/a.png' }, { name: 'b.png', path: '/p/b.png' }]);
    await expect.poll(() => importId).not.toBe('');
    imports.getState().applyProgress({ importId: 'someone-else', total: 9, done: 9, imported: 9, duplicates: 0, rejected: 0, finished: true });
    expect(imports.getState().task).toMatchObject({ phase: 'importing', done: 0 });
    imports.getState().applyProgress({ importId, total: 2, done: 1, imported: 1, duplicates: 0, rejected: 0, finished: false });
    expect(imports.getState().task).toMatchObject({ phase: 'importing', total: 2, done: 1, imported: 1 });
    answer(ok({ imported: [{ id: 'a', duplicate: false }, { id: 'b', duplicate: false }], rejected: [] }));
    await running;
    expect(imports.getState().task).toMatchObject({ phase: 'finished', done: 2, imported: 2 });
  });

  it('a second import while one runs is refused with a notice, and two stores do not share a slice', async () => {
    let answer!: (v: unknown) => void;
    const { invoke } = fakeBridge({ 'library.import': () => new Promise((resolve) => (answer = resolve)) });
    const first = createImportStore();
    const other = createImportStore();
    const running = first.getState().start([{ name: 'a.png', path: '/p/a.png' }]);
    await expect.poll(() => invoke.mock.calls.length).toBe(1);
    await first.getState().start([{ name: 'b.png', path: '/p/b.png' }]);
    expect(invoke).toHaveBeenCalledTimes(1);
    // Another store is not busy: its state is its own.
    expect(other.getState().task).toBeNull();
    answer(ok({ imported: [{ id: 'a', duplicate: false }], rejected: [] }));
    await running;
    expect(first.getState().task?.phase).toBe('finished');
  });
});
