import { describe, expect, it } from 'vitest';
import { historyStep } from '../../../../../renderer/src/features/generate/promptHistory';

const list = ['newest', 'older', 'oldest'];

describe('↑ history in the prompt box', () => {
  it('↑ in an empty box takes the newest, ↑ again older ones (stopping at the oldest), ↓ back, and past the newest the empty box', () => {
    let at = historyStep(list, { index: null, prompt: '' }, 'up')!;
    expect(at).toEqual({ index: 0, prompt: 'newest' });
    at = historyStep(list, at, 'up')!;
    at = historyStep(list, at, 'up')!;
    expect(at).toEqual({ index: 2, prompt: 'oldest' });
    expect(historyStep(list, at, 'up')).toEqual({ index: 2, prompt: 'oldest' });
    at = historyStep(list, at, 'down')!;
    expect(at).toEqual({ index: 1, prompt: 'older' });
    at = historyStep(list, historyStep(list, at, 'down')!, 'down')!;
    expect(at).toEqual({ index: null, prompt: '' });
  });

  it('leaves the arrows to the caret in a box with words the user typed, or a recalled prompt they edited', () => {
    expect(historyStep(list, { index: null, prompt: 'my words' }, 'up')).toBeNull();
    expect(historyStep(list, { index: null, prompt: 'my words' }, 'down')).toBeNull();
    expect(historyStep(list, { index: 0, prompt: 'newest, edited' }, 'up')).toBeNull();
    expect(historyStep(list, { index: 0, prompt: 'newest, edited' }, 'down')).toBeNull();
  });

  it('with no history, ↑ does nothing', () => {
    expect(historyStep([], { index: null, prompt: '' }, 'up')).toBeNull();
  });
});
