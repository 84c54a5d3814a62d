// @vitest-environment happy-dom
/** The queue's billing pause as the window shows it (issue 17 §4): why, a link to billing, and Resume. */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueStatus } from '../../../../../shared/ipc/contract';
import { BILLING_URL } from '../../../../../shared/urls';
import { QueueHoldBanner } from '../../../../../renderer/src/features/queue/QueueHoldBanner';
import { useQueueStore } from '../../../../../renderer/src/features/queue/store';
import { fail, fakeBridge, ok } from '../../support/fakeBridge';

const running: QueueStatus = { paused: false, hold: null, offline: false, inFlight: 0, maxInFlight: 2, waiting: 0, models: [] };
const held = (reason: 'prepaid_depleted' | 'tier_cap'): QueueStatus => ({ ...running, paused: true, waiting: 3, hold: { reason, message: 'm', since: 1 } });

beforeEach(() => useQueueStore.setState({ status: null, statusError: null, pausingAll: false }));
afterEach(cleanup);

describe('<QueueHoldBanner>', () => {
  it('is absent while the queue runs, or is paused by the user', () => {
    fakeBridge();
    useQueueStore.setState({ status: running });
    const { rerender } = render(<QueueHoldBanner />);
    expect(screen.queryByTestId('queue-hold')).toBeNull();
    useQueueStore.setState({ status: { ...running, paused: true } });
    rerender(<QueueHoldBanner />);
    expect(screen.queryByTestId('queue-hold')).toBeNull();
  });

  it('says the prepaid credit is used up, and opens billing through main', async () => {
    const bridge = fakeBridge({ 'app.openExternal': ok({ opened: true }) });
    useQueueStore.setState({ status: held('prepaid_depleted') });
    render(<QueueHoldBanner />);
    expect(screen.getByRole('region', { name: /prepaid credit is used up/ })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /Open billing/ }));
    expect(bridge.invoke).toHaveBeenCalledWith('app.openExternal', { url: BILLING_URL });
  });

  it('names the tier cap in its own words', () => {
    fakeBridge();
    useQueueStore.setState({ status: held('tier_cap') });
    render(<QueueHoldBanner />);
    expect(screen.getByRole('heading').textContent).toMatch(/tier’s cap is reached/);
  });

  it('Resume queue lifts the hold; the banner goes with it', async () => {
    const bridge = fakeBridge({ 'queue.resume': ok(running) });
    useQueueStore.setState({ status: held('prepaid_depleted') });
    render(<QueueHoldBanner />);
    await userEvent.click(screen.getByRole('button', { name: 'Resume queue' }));
    expect(bridge.invoke).toHaveBeenCalledWith('queue.resume', undefined);
    expect(screen.queryByTestId('queue-hold')).toBeNull();
  });

  it('hands focus to the screen below when Resume takes the banner away', async () => {
    fakeBridge({ 'queue.resume': ok(running) });
    useQueueStore.setState({ status: held('prepaid_depleted') });
    render(
      <>
        <QueueHoldBanner />
        <main className="workspace" tabIndex={-1} data-testid="workspace" />
      </>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Resume queue' }));
    expect(document.activeElement).toBe(screen.getByTestId('workspace'));
  });

  it('says why when resuming is refused, and keeps the banner', async () => {
    fakeBridge({ 'queue.resume': fail('internal', 'Atelier could not resume the queue.') });
    useQueueStore.setState({ status: held('tier_cap') });
    render(<QueueHoldBanner />);
    await userEvent.click(screen.getByRole('button', { name: 'Resume queue' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not resume/);
    expect(screen.getByTestId('queue-hold')).toBeTruthy();
  });
});
