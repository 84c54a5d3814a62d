import { describe, expect, it } from 'vitest';
import { newerProgress, parseProgress, useJobProgress } from '../../../../renderer/src/lib/progress';

describe('job.progress adapter', () => {
  it('reads the payload, dropping drafts that are not image data URLs', () => {
    const p = parseProgress({
      jobId: 'j',
      revision: 3,
      thoughtText: 'hm',
      drafts: [{ dataUrl: 'data:image/png;base64,AA', width: 2, height: 2 }, { dataUrl: 'https://evil.example/x.png', width: 1, height: 1 }, null],
    });
    expect(p).toEqual({ jobId: 'j', revision: 3, thoughtText: 'hm', drafts: [{ dataUrl: 'data:image/png;base64,AA', width: 2, height: 2 }] });
    expect(parseProgress({ thoughtText: 'no job' })).toBeNull();
    expect(parseProgress('x')).toBeNull();
    expect(parseProgress({ jobId: 'j' })).toEqual({ jobId: 'j', revision: null, thoughtText: '', drafts: [] });
  });

  it('keeps the highest revision; without revisions the last one wins', () => {
    const a = { jobId: 'j', revision: 5, thoughtText: 'new', drafts: [] };
    const b = { jobId: 'j', revision: 4, thoughtText: 'old', drafts: [] };
    expect(newerProgress(a, b)).toBe(a);
    expect(newerProgress(b, a)).toBe(a);
    const c = { ...b, revision: null };
    expect(newerProgress(a, c)).toBe(c);
  });

  it('the store applies events per job and ignores garbage', () => {
    const store = useJobProgress.getState();
    store.apply({ jobId: 'x', revision: 1, thoughtText: 'one', drafts: [] });
    store.apply({ jobId: 'x', revision: 0, thoughtText: 'zero', drafts: [] });
    store.apply(42);
    expect(useJobProgress.getState().byJob.x?.thoughtText).toBe('one');
    store.forget('x');
    expect(useJobProgress.getState().byJob.x).toBeUndefined();
  });
});
