// @vitest-environment happy-dom
/**
 * Issue 17 §3: the Economy option in the prompt dock. Offered where the model has Flex, never on
 * Lite; Priority only once Settings says the project qualifies; the chosen tier (and "after 15
 * minutes, pay full price") goes into the request, and the estimate halves.
 */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../../shared/ipc/contract';
import { GeneratePanel } from '../../../../renderer/src/features/generate/GeneratePanel';
import { useGenerateStore } from '../../../../renderer/src/features/generate/store';
import { ServiceTierPicker, offeredTiers } from '../../../../renderer/src/lib/ServiceTierPicker';
import { capabilitiesFor, FALLBACK_MODEL_FOR_TIER } from '../../../../shared/models/catalogue';

const initial = useGenerateStore.getState();
beforeEach(() => useGenerateStore.setState(initial, true));
afterEach(cleanup);

const options = () => within(screen.getByTestId('service-tier-select')).getAllByRole('option').map((o) => (o as HTMLOptionElement).textContent);
const flash = capabilitiesFor(FALLBACK_MODEL_FOR_TIER.flash);
const lite = capabilitiesFor(FALLBACK_MODEL_FOR_TIER.lite);

describe('<ServiceTierPicker>', () => {
  it('offers Economy where the model has Flex, and Priority only when the project is allowed it', () => {
    const { rerender } = render(<ServiceTierPicker caps={flash} value="standard" onChange={() => {}} priorityAllowed={false} />);
    expect(options()).toEqual(['Standard', 'Economy (Flex: half price, may take minutes)']);
    rerender(<ServiceTierPicker caps={flash} value="standard" onChange={() => {}} priorityAllowed />);
    expect(options()).toEqual(['Standard', 'Economy (Flex: half price, may take minutes)', 'Priority (faster, costs up to twice as much)']);
  });

  it('draws nothing for Lite: it is never offered Flex (nor Priority, allowed or not)', () => {
    render(<ServiceTierPicker caps={lite} value="flex" onChange={() => {}} priorityAllowed />);
    expect(screen.queryByTestId('service-tier-select')).toBeNull();
    expect(offeredTiers(lite, true)).toEqual(['standard']);
  });
});

describe('Economy in the prompt dock', () => {
  it('keeps the chosen tier for the request, halves the estimate, and falls back to Standard when the model becomes Lite', async () => {
    render(<GeneratePanel dock />);
    const estimate = () => Number(/\$([\d.]+)/.exec(screen.getByTestId('generate-estimate').textContent ?? '')![1]);
    const standard = estimate();
    await userEvent.selectOptions(screen.getByTestId('service-tier-select'), 'flex');
    expect(useGenerateStore.getState().serviceTier).toBe('flex');
    expect(estimate()).toBeLessThan(standard);
    expect(estimate()).toBeCloseTo(standard / 2, 2);

    // The fallback choice appears with Economy only, and is off until the user turns it on.
    const fallback = screen.getByTestId('service-tier-fallback') as HTMLInputElement;
    expect(fallback.checked).toBe(false);
    await userEvent.click(fallback);
    expect(useGenerateStore.getState().flexFallback).toBe(true);

    await userEvent.click(screen.getByTestId('tier-lite'));
    expect(useGenerateStore.getState().serviceTier).toBe('standard');
    expect(screen.queryByTestId('service-tier-select')).toBeNull();
  });

  it('offers Priority once Settings says the project may use it', () => {
    render(<GeneratePanel dock />);
    expect(options()).not.toContain('Priority (faster, costs up to twice as much)');
    act(() => useGenerateStore.getState().adoptDefaults({ defaultTier: 'flash', defaultAspectRatio: '1:1', priorityAllowed: true } as Settings));
    expect(options()).toContain('Priority (faster, costs up to twice as much)');
  });
});
