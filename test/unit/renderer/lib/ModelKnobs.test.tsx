// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchForm } from '../../../../renderer/src/features/batch/BatchForm';
import { useBatchStore } from '../../../../renderer/src/features/batch/store';
import { ModelKnobs } from '../../../../renderer/src/lib/ModelKnobs';
import { useModelsStore } from '../../../../renderer/src/lib/models';
import { COMMON_ASPECT_RATIOS } from '../../../../shared/domain/vocabulary';
import { capabilitiesFor, FALLBACK_MODEL_FOR_TIER } from '../../../../shared/models/catalogue';

const flash = capabilitiesFor(FALLBACK_MODEL_FOR_TIER.flash);
const pro = capabilitiesFor(FALLBACK_MODEL_FOR_TIER.pro);
const lite = capabilitiesFor(FALLBACK_MODEL_FOR_TIER.lite);
const ALL = ['ratio', 'size', 'thinking', 'modalities', 'grounding', 'imageSearch', 'thoughts'] as const;
const choices = { aspectRatio: '1:1', imageSize: '1K', thinkingLevel: null, grounding: false, imageSearch: false, includeThoughts: false, modalities: 'TEXT_IMAGE' } as const;

const optionValues = (testId: string) => within(screen.getByTestId(testId)).getAllByRole('option').map((o) => (o as HTMLOptionElement).value);

afterEach(cleanup);

describe('<ModelKnobs>', () => {
  it('offers only the model’s ratios and sizes', () => {
    const { rerender } = render(<ModelKnobs label="Options" caps={pro} choices={choices} onChange={() => {}} knobs={ALL} />);
    expect(optionValues('aspect-select')).toEqual([...COMMON_ASPECT_RATIOS]);
    expect(optionValues('size-select')).toEqual(['1K', '2K', '4K']);
    rerender(<ModelKnobs label="Options" caps={lite} choices={choices} onChange={() => {}} knobs={ALL} />);
    expect(optionValues('size-select')).toEqual(['1K']);
    expect(optionValues('aspect-select')).toContain('8:1');
  });

  it('Pro shows no thinking level and no image search; Flash shows its own levels', () => {
    const { rerender } = render(<ModelKnobs label="Options" caps={pro} choices={choices} onChange={() => {}} knobs={ALL} />);
    expect(screen.queryByTestId('thinking-level-select')).toBeNull();
    expect(screen.queryByTestId('image-search-toggle')).toBeNull();
    expect(screen.getByTestId('grounding-toggle')).toBeTruthy();
    rerender(<ModelKnobs label="Options" caps={flash} choices={choices} onChange={() => {}} knobs={ALL} />);
    expect(optionValues('thinking-level-select')).toEqual(['', ...flash.thinkingLevels]);
  });

  it('Auto is offered where the form supports it, and only there', () => {
    const { rerender } = render(<ModelKnobs label="Options" caps={flash} choices={{ aspectRatio: null }} onChange={() => {}} knobs={['ratio']} auto />);
    expect(optionValues('aspect-select')[0]).toBe('');
    expect(screen.getByRole('option', { name: 'Auto' })).toBeTruthy();
    rerender(<ModelKnobs label="Options" caps={flash} choices={{ aspectRatio: '1:1' }} onChange={() => {}} knobs={['ratio']} />);
    expect(screen.queryByRole('option', { name: 'Auto' })).toBeNull();
  });

  it('draws only the knobs the form has, and reports a pick as a patch (image search brings web search along)', async () => {
    const onChange = vi.fn();
    render(<ModelKnobs label="Options" caps={flash} choices={choices} onChange={onChange} knobs={['size', 'imageSearch']} />);
    expect(screen.queryByTestId('aspect-select')).toBeNull();
    await userEvent.selectOptions(screen.getByTestId('size-select'), '4K');
    expect(onChange).toHaveBeenLastCalledWith({ imageSize: '4K' });
    await userEvent.click(screen.getByTestId('image-search-toggle'));
    expect(onChange).toHaveBeenLastCalledWith({ imageSearch: true, grounding: true });
  });
});

describe('<BatchForm> through <ModelKnobs>', () => {
  beforeEach(() => {
    useModelsStore.setState({ models: null });
    useBatchStore.setState({ tier: 'flash', aspectRatio: null, knobNotice: null });
  });

  it('Batch offers Auto', () => {
    render(<BatchForm />);
    expect(screen.getByTestId('batch-aspect')).toHaveProperty('value', '');
    expect(optionValues('batch-aspect')[0]).toBe('');
  });

  it('changing the model fits the choices and says what changed', async () => {
    render(<BatchForm />);
    await userEvent.selectOptions(screen.getByTestId('batch-aspect'), '8:1');
    await userEvent.click(screen.getByTestId('batch-tier-pro'));
    expect(screen.getByTestId('batch-aspect')).toHaveProperty('value', '21:9');
    expect(optionValues('batch-aspect')).not.toContain('8:1');
    expect(screen.getByRole('status').textContent).toBe(`Changed for ${pro.displayName}: the ratio 8:1 became 21:9.`);
    // The user's next pick is their own: the notice goes.
    await userEvent.selectOptions(screen.getByTestId('batch-aspect'), '1:1');
    expect(screen.queryByRole('status')).toBeNull();
  });
});

describe('<CompareForm> through <ModelKnobs>: knobs per contender', () => {
  beforeEach(() => {
    useModelsStore.setState({ models: null });
    (window as unknown as { atelier: unknown }).atelier = { invoke: async () => ({ ok: false, code: 'internal', message: 'not in this test' }), on: () => () => {} };
  });

  it('a Pro contender has no thinking level; a saved one is dropped; the ratio offers only what all contenders take', async () => {
    const { CompareForm } = await import('../../../../renderer/src/features/compare/CompareForm');
    const { useComparePrefs } = await import('../../../../renderer/src/features/compare/store');
    // Remembered from before the fit existed: Pro with a level it has no control for.
    useComparePrefs.setState({ contenders: [{ tier: 'flash', imageSize: '1K', thinkingLevel: 'high' }, { tier: 'pro', imageSize: '1K', thinkingLevel: 'high' }] });
    render(<CompareForm />);
    const rows = screen.getAllByTestId('contender-row');
    expect(within(rows[0]!).getByTestId('contender-thinking')).toHaveProperty('value', 'high');
    expect(within(rows[1]!).queryByTestId('contender-thinking')).toBeNull();
    expect(optionValues('compare-aspect').filter((r) => r !== '')).toEqual([...COMMON_ASPECT_RATIOS]);
    await userEvent.selectOptions(within(rows[1]!).getByTestId('contender-tier'), 'flash');
    expect(optionValues('compare-aspect')).toContain('8:1');
    expect(within(screen.getAllByTestId('contender-row')[1]!).getByTestId('contender-thinking')).toHaveProperty('value', '');
  });
});
