/** The usage store, built fresh per test: several jobs finishing together cost one reload, and only once the view has loaded. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUsageStore } from '../../../../../renderer/src/features/usage/store';
import { fail, fakeBridge, ok } from '../../support/fakeBridge';
import { makeJob } from '../../support/jobs';

const summary = { days: 30, totalUsd: 1.25 };

afterEach(() => vi.useRealTimers());

describe('usage store', () => {
  it('a load shows main’s summary, and a refusal in words', async () => {
    fakeBridge({ 'usage.summary': ok(summary) });
    const usage = createUsageStore();
    await usage.getState().load();
    expect(usage.getState()).toMatchObject({ summary, loading: false, error: null });
    fakeBridge({ 'usage.summary': fail('internal', 'The database is busy.') });
    await usage.getState().load();
    expect(usage.getState().error).toBe('The database is busy.');
  });

  it('reloads once after several jobs succeed together, and never before the view has loaded', async () => {
    vi.useFakeTimers();
    const { invoke } = fakeBridge({ 'usage.summary': ok(summary) });
    const usage = createUsageStore();
    usage.getState().applyJob(makeJob({ id: 'a', state: 'succeeded' }));
    await vi.runAllTimersAsync();
    expect(invoke).not.toHaveBeenCalled();

    await usage.getState().load();
    invoke.mockClear();
    for (const id of ['a', 'b', 'c']) usage.getState().applyJob(makeJob({ id, state: 'succeeded' }));
    usage.getState().applyJob(makeJob({ id: 'd', state: 'failed' }));
    await vi.runAllTimersAsync();
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledWith('usage.summary', { days: 30 });
  });

  it('two stores keep their own timers', async () => {
    vi.useFakeTimers();
    const { invoke } = fakeBridge({ 'usage.summary': ok(summary) });
    const one = createUsageStore();
    const two = createUsageStore();
    await one.getState().load();
    await two.getState().load();
    invoke.mockClear();
    one.getState().applyJob(makeJob({ id: 'a', state: 'succeeded' }));
    two.getState().applyJob(makeJob({ id: 'b', state: 'succeeded' }));
    await vi.runAllTimersAsync();
    expect(invoke).toHaveBeenCalledTimes(2);
  });
});
