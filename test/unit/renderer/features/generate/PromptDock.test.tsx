// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GeneratePanel } from '../../../../../renderer/src/features/generate/GeneratePanel';
import { optionChips } from '../../../../../renderer/src/features/generate/optionChips';
import { useGenerateStore } from '../../../../../renderer/src/features/generate/store';

const initial = useGenerateStore.getState();
beforeEach(() => useGenerateStore.setState(initial, true));
afterEach(cleanup);

function putSetOnStage(): void {
  act(() =>
    useGenerateStore.setState({
      sets: [{ setId: 's1', jobIds: ['j1'], request: { prompt: 'p', tier: 'flash', aspectRatio: '3:4', imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [] }, createdAt: 0 }],
      currentSetId: 's1',
    }),
  );
}

describe('the prompt dock', () => {
  it('shows every picker until a set is on the stage, then one row: the prompt, Options with chips, ×N, Generate', () => {
    render(<GeneratePanel dock />);
    const dock = screen.getByTestId('prompt-dock');
    expect(dock.getAttribute('data-collapsed')).toBe('false');
    expect(screen.getByTestId('aspect-select')).toBeTruthy();
    expect(screen.queryByTestId('options-toggle')).toBeNull();
    const prompt = screen.getByTestId('prompt-input');

    putSetOnStage();
    expect(dock.getAttribute('data-collapsed')).toBe('true');
    // The same element: a prompt being typed in keeps its focus and caret through the change.
    expect(screen.getByTestId('prompt-input')).toBe(prompt);
    expect(screen.getByTestId('options-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByTestId('options-popover').hidden).toBe(true);
    expect(screen.getAllByTestId('options-chip').map((c) => c.textContent)).toContain('Flash');
    expect(screen.getByTestId('count-1')).toBeTruthy();
    expect(screen.getByTestId('generate-button')).toBeTruthy();
  });

  it('opens Options into the pickers, and Esc closes it back to its button', async () => {
    render(<GeneratePanel dock />);
    putSetOnStage();
    const toggle = screen.getByTestId('options-toggle');
    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const popover = screen.getByTestId('options-popover');
    expect(popover.hidden).toBe(false);
    expect(popover.contains(screen.getByTestId('aspect-select'))).toBe(true);
    expect(popover.contains(document.activeElement)).toBe(true);
    await userEvent.keyboard('{Escape}');
    expect(popover.hidden).toBe(true);
    expect(document.activeElement).toBe(toggle);
  });
});

describe('optionChips', () => {
  const base = { tier: 'flash', pinnedModel: null, aspectRatio: null, imageSize: null, thinkingLevel: null, modalities: 'TEXT_IMAGE', grounding: false, imageSearch: false, includeThoughts: false, referenceCount: 0 } as const;
  it('says the tier and ratio always, and only the choices that differ from the defaults', () => {
    expect(optionChips(base)).toEqual(['Flash', 'Auto ratio']);
    expect(optionChips({ ...base, tier: 'pro', aspectRatio: '16:9', imageSize: '2K', thinkingLevel: 'high', modalities: 'IMAGE', grounding: true, imageSearch: true, includeThoughts: true, referenceCount: 2 })).toEqual([
      'Pro',
      '16:9',
      '2K',
      'Thinking high',
      'Image only',
      'Web + image search',
      'Thoughts',
      '2 references',
    ]);
    expect(optionChips({ ...base, pinnedModel: 'Nano Banana 2.1' })[0]).toBe('Nano Banana 2.1');
  });
});
