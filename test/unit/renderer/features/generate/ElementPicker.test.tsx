// @vitest-environment happy-dom
/** Typing `@` in the studio's prompt offers the Elements; the keyboard alone chooses one. */
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Element } from '../../../../../shared/ipc/contract';
import { GeneratePanel } from '../../../../../renderer/src/features/generate/GeneratePanel';
import { useGenerateStore } from '../../../../../renderer/src/features/generate/store';
import { useElements } from '../../../../../renderer/src/lib/elements';
import { fakeBridge, ok } from '../../support/fakeBridge';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const element = (n: number, name: string, kind: Element['kind'], images: number): Element => ({
  id: uuid(n),
  name,
  kind,
  description: '',
  assetIds: Array.from({ length: images }, (_, i) => uuid(100 * n + i)),
  coverUrl: `/assets/${uuid(100 * n)}/thumb`,
  createdAt: n,
});
const ANNA = element(1, 'Anna', 'person', 2);
const ANNIKA = element(2, 'Annika', 'person', 1);
const MUG = element(3, 'Mug', 'object', 1);

const initialGenerate = useGenerateStore.getState();
const initialElements = useElements.getState();
let bridge: ReturnType<typeof fakeBridge>;
beforeEach(() => {
  useGenerateStore.setState(initialGenerate, true);
  useElements.setState(initialElements, true);
  bridge = fakeBridge({
    'elements.list': ok([ANNA, ANNIKA, MUG]),
    'generate.startSet': ok({ setId: 'set1', jobs: [] }),
  });
});
afterEach(cleanup);

async function typeInPrompt(text: string) {
  render(<GeneratePanel dock />);
  await waitFor(() => expect(useElements.getState().loaded).toBe(true));
  const prompt = screen.getByTestId('prompt-input') as HTMLTextAreaElement;
  await userEvent.click(prompt);
  await userEvent.keyboard(text);
  return prompt;
}

describe('the @ picker in the studio', () => {
  it('offers the Elements whose names start with what follows @, as a listbox the prompt points into', async () => {
    const prompt = await typeInPrompt('A portrait of @an');
    const list = screen.getByRole('listbox', { name: 'Elements' });
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['@AnnaPerson · 2 images', '@AnnikaPerson · 1 image']);
    expect(prompt.getAttribute('aria-controls')).toBe(list.id);
    expect(prompt.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
  });

  it('moves with ↓ and ↑, chooses with Enter: the prompt names it, its chip shows, nothing is sent', async () => {
    const prompt = await typeInPrompt('A portrait of @an');
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getAllByTestId('element-option')[1]!.getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getAllByTestId('element-option')[0]!.getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{ArrowUp}{Enter}');
    expect(prompt.value).toBe('A portrait of @Annika ');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getAllByTestId('element-chip').map((c) => c.textContent)).toEqual(['@Annika· 1 image']);
    expect(bridge.invoke.mock.calls.filter(([route]) => route === 'generate.startSet')).toHaveLength(0);
  });

  it('closes on Esc without choosing, and the Esc does not reach the shell', async () => {
    const prompt = await typeInPrompt('@mu');
    expect(screen.getByRole('listbox')).toBeTruthy();
    let reached = false;
    const onKey = (e: KeyboardEvent) => (reached = e.key === 'Escape' && !e.defaultPrevented);
    window.addEventListener('keydown', onKey);
    await userEvent.keyboard('{Escape}');
    window.removeEventListener('keydown', onKey);
    expect(reached).toBe(false);
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(prompt.value).toBe('@mu');
    expect(prompt.hasAttribute('aria-activedescendant')).toBe(false);
  });

  it('sends the Element’s images as references of its kind, and names it with the request', async () => {
    await typeInPrompt('@mu{Enter}on a table, with @ann{Enter}');
    expect(useGenerateStore.getState().prompt).toBe('@Mug on a table, with @Anna ');
    await act(() => useGenerateStore.getState().submit());
    const [, input] = bridge.invoke.mock.calls.find(([route]) => route === 'generate.startSet')!;
    expect(input).toMatchObject({
      references: [
        { assetId: MUG.assetIds[0], kind: 'object' },
        { assetId: ANNA.assetIds[0], kind: 'person' },
        { assetId: ANNA.assetIds[1], kind: 'person' },
      ],
      elements: [
        { id: MUG.id, name: 'Mug' },
        { id: ANNA.id, name: 'Anna' },
      ],
    });
  });

  it('drops an Element whose @Name is deleted from the prompt', async () => {
    const prompt = await typeInPrompt('@mu{Enter}');
    expect(useGenerateStore.getState().elements).toHaveLength(1);
    await userEvent.clear(prompt);
    await userEvent.keyboard('a mug');
    expect(useGenerateStore.getState().elements).toEqual([]);
    expect(screen.queryByTestId('element-chips')).toBeNull();
  });

  it('says in the dock which Element to drop when they pass the model’s people limit, and refuses Generate', async () => {
    act(() => useGenerateStore.setState({ modelId: 'gemini-2.5-flash-image' }));
    await typeInPrompt('@annik{Enter}and @anna{Enter}');
    const fit = screen.getByTestId('element-fit');
    expect(fit.textContent).toBe('gemini-2.5-flash-image takes at most 1 people reference images; this request has 3. Drop @Anna (2 images) to fit.');
    await act(() => useGenerateStore.getState().submit());
    expect(useGenerateStore.getState().error).toBe(fit.textContent);
    expect(bridge.invoke.mock.calls.filter(([route]) => route === 'generate.startSet')).toHaveLength(0);
  });
});

describe('Reuse settings of a result made with Elements', () => {
  it('brings its Elements back as Elements, and a deleted one’s images stay on the tray', async () => {
    await act(() => useElements.getState().load());
    const gone = uuid(9);
    const gen = {
      prompt: '@Anna with @Ghost',
      tier: 'flash',
      modelId: 'gemini-nano-banana-2.1',
      params: {
        aspectRatio: '1:1', imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false,
        references: [...ANNA.assetIds.map((assetId) => ({ assetId, kind: 'person' as const })), { assetId: uuid(900), kind: 'object' as const }],
        elements: [{ id: ANNA.id, name: 'Anna' }, { id: gone, name: 'Ghost' }],
      },
    } as unknown as Parameters<ReturnType<typeof useGenerateStore.getState>['reuse']>[0];
    act(() => useGenerateStore.getState().reuse(gen));
    const s = useGenerateStore.getState();
    expect(s.elements.map((e) => e.name)).toEqual(['Anna']);
    expect(s.references.map((r) => ('assetId' in r ? r.assetId : null))).toEqual([uuid(900)]);
    await act(() => useGenerateStore.getState().submit());
    const [, input] = bridge.invoke.mock.calls.find(([route]) => route === 'generate.startSet')!;
    expect(input).toMatchObject({ references: [{ assetId: uuid(900) }, { assetId: ANNA.assetIds[0] }, { assetId: ANNA.assetIds[1] }], elements: [{ id: ANNA.id, name: 'Anna' }] });
  });
});
