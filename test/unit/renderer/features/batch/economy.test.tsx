// @vitest-environment happy-dom
/**
 * Issue 17 §3: the batch form offers "Economy (Flex: half price, may take minutes)" beside the
 * Batch API on models that have Flex; chosen, each line goes to the queue as its own Flex job.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchForm } from '../../../../../renderer/src/features/batch/BatchForm';
import { useBatchStore } from '../../../../../renderer/src/features/batch/store';
import { makeJob } from '../../support/jobs';
import { fakeBridge, ok } from '../../support/fakeBridge';

const initial = useBatchStore.getState();
beforeEach(() => useBatchStore.setState(initial, true));
afterEach(cleanup);

describe('the batch form at Economy', () => {
  it('queues each line as a Flex job instead of a batch, and says what it queued', async () => {
    let n = 0;
    const { invoke } = fakeBridge({ 'generate.start': (input: unknown) => ok(makeJob({ id: `j${++n}`, request: input as never })) });
    render(<BatchForm />);
    const mode = screen.getByTestId('batch-mode');
    expect(within(mode).getAllByRole('option').map((o) => o.textContent)).toEqual(['Batch (half price, within 24 hours)', 'Economy (Flex: half price, may take minutes)']);
    await userEvent.selectOptions(mode, 'flex');
    await userEvent.type(screen.getByTestId('batch-input'), 'a red kite{enter}a blue lagoon');
    await userEvent.click(screen.getByTestId('batch-submit'));
    const starts = invoke.mock.calls.filter(([route]) => route === 'generate.start').map(([, input]) => input as { prompt: string; serviceTier?: string });
    expect(starts.map((i) => [i.prompt, i.serviceTier])).toEqual([
      ['a red kite', 'flex'],
      ['a blue lagoon', 'flex'],
    ]);
    expect(invoke.mock.calls.some(([route]) => route === 'batch.submit')).toBe(false);
    expect(screen.getByTestId('batch-queued-note').textContent).toMatch(/2 Economy jobs are in the queue/);
  });

  it('offers no Economy on Lite, and submits a batch there', async () => {
    const { invoke } = fakeBridge({ 'batch.submit': ok(makeJob({ id: 'b1', kind: 'batch' })) });
    render(<BatchForm />);
    await userEvent.selectOptions(screen.getByTestId('batch-mode'), 'flex');
    await userEvent.click(screen.getByTestId('batch-tier-lite'));
    expect(screen.queryByTestId('batch-mode')).toBeNull();
    await userEvent.type(screen.getByTestId('batch-input'), 'a grey heron');
    await userEvent.click(screen.getByTestId('batch-submit'));
    expect(invoke.mock.calls.map(([route]) => route)).toContain('batch.submit');
    expect(invoke.mock.calls.map(([route]) => route)).not.toContain('generate.start');
  });
});
