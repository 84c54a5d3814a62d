// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GeneratePanel } from '../../../../../renderer/src/features/generate/GeneratePanel';
import { usePromptLibrary } from '../../../../../renderer/src/features/generate/promptLibraryStore';
import { useGenerateStore } from '../../../../../renderer/src/features/generate/store';
import { useModelsStore } from '../../../../../renderer/src/lib/models';
import type { SavedPrompt } from '../../../../../shared/ipc/contract';
import { fail, fakeBridge, ok } from '../../support/fakeBridge';

const initialStudio = useGenerateStore.getState();
const initialLibrary = usePromptLibrary.getState();
beforeEach(() => {
  useGenerateStore.setState(initialStudio, true);
  usePromptLibrary.setState(initialLibrary, true);
  useModelsStore.setState({ models: null });
});
afterEach(cleanup);

const storm: SavedPrompt = {
  id: '6f1c2a7e-3b7d-4c1e-9a55-0d6f3c2b1a90',
  name: 'Storm',
  tags: ['sea'],
  createdAt: 1,
  request: {
    prompt: 'a lighthouse in a storm', tier: 'flash', modelId: 'gemini-3.1-flash-image', aspectRatio: '21:9', imageSize: '512', modalities: 'IMAGE',
    grounding: true, imageSearch: true, thinkingLevel: 'high', includeThoughts: true, references: [], serviceTier: 'flex', flexFallback: true,
  },
};

describe('the prompt library in the dock', () => {
  it('saves the prompt with every setting the dock shows, under the name and tags typed', async () => {
    const saved: unknown[] = [];
    fakeBridge({
      'prompts.list': ok({ saved: [] }),
      'prompts.history': ok({ prompts: [] }),
      'prompts.save': (input: unknown) => (saved.push(input), ok(storm)),
    });
    act(() => {
      const s = useGenerateStore.getState();
      s.setPrompt('a lighthouse in a storm');
      s.setModel('gemini-3.1-flash-image');
      s.setChoices({ aspectRatio: '21:9', imageSize: '512', thinkingLevel: 'high' });
      s.setServiceTier('flex');
    });
    render(<GeneratePanel dock />);
    await userEvent.click(screen.getByTestId('prompts-toggle'));
    await userEvent.type(screen.getByTestId('prompt-save-name'), 'Storm');
    await userEvent.type(screen.getByTestId('prompt-save-tags'), 'sea, night');
    await userEvent.click(screen.getByTestId('prompt-save'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({
      name: 'Storm',
      tags: ['sea', 'night'],
      request: { prompt: 'a lighthouse in a storm', modelId: 'gemini-3.1-flash-image', aspectRatio: '21:9', imageSize: '512', thinkingLevel: 'high', serviceTier: 'flex' },
    });
    expect((await screen.findByTestId('prompt-save-note')).textContent).toContain('every setting');
  });

  it('refuses to save an empty prompt in words, without asking main', async () => {
    const { invoke } = fakeBridge({ 'prompts.list': ok({ saved: [] }), 'prompts.history': ok({ prompts: [] }) });
    render(<GeneratePanel dock />);
    await userEvent.click(screen.getByTestId('prompts-toggle'));
    await userEvent.click(screen.getByTestId('prompt-save'));
    expect((await screen.findByTestId('prompts-error')).textContent).toBe('Write a prompt first, then save it.');
    expect(invoke.mock.calls.some(([route]) => route === 'prompts.save')).toBe(false);
  });

  it('"use" on a saved prompt recalls every setting; a history line brings back its words only', async () => {
    fakeBridge({ 'prompts.list': ok({ saved: [storm] }), 'prompts.history': ok({ prompts: [{ prompt: 'a brass owl', lastUsedAt: 5 }] }) });
    render(<GeneratePanel dock />);
    await userEvent.click(screen.getByTestId('prompts-toggle'));
    await userEvent.click(await screen.findByTestId('saved-prompt-use'));
    expect(useGenerateStore.getState()).toMatchObject({ prompt: storm.request.prompt, modelId: 'gemini-3.1-flash-image', aspectRatio: '21:9', imageSize: '512', thinkingLevel: 'high', serviceTier: 'flex', flexFallback: true, modalities: 'IMAGE' });
    expect(screen.getByTestId('prompt-library').hidden).toBe(true);

    await userEvent.click(screen.getByTestId('prompts-toggle'));
    await userEvent.click(await screen.findByTestId('history-prompt'));
    expect(useGenerateStore.getState()).toMatchObject({ prompt: 'a brass owl', imageSize: '512' });
  });

  it('says so when the library cannot be read', async () => {
    fakeBridge({ 'prompts.list': fail('db', 'disk full'), 'prompts.history': ok({ prompts: [] }) });
    render(<GeneratePanel dock />);
    await userEvent.click(screen.getByTestId('prompts-toggle'));
    expect((await screen.findByTestId('prompts-error')).textContent).toBe('The prompt library could not be read: disk full');
  });

  it('↑ in the empty prompt box brings back the last prompt, this session’s first', async () => {
    fakeBridge({ 'prompts.history': ok({ prompts: [{ prompt: 'from the library', lastUsedAt: 1 }] }) });
    act(() =>
      useGenerateStore.setState({
        sets: [{ setId: 's1', jobIds: ['j1'], request: { prompt: 'just sent', tier: 'flash', aspectRatio: null, imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [] }, createdAt: 0 }],
      }),
    );
    render(<GeneratePanel dock />);
    const box = screen.getByTestId('prompt-input') as HTMLTextAreaElement;
    box.focus();
    await userEvent.keyboard('{ArrowUp}');
    await waitFor(() => expect(box.value).toBe('just sent'));
    await userEvent.keyboard('{ArrowUp}');
    await waitFor(() => expect(box.value).toBe('from the library'));
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    await waitFor(() => expect(box.value).toBe(''));
  });
});
