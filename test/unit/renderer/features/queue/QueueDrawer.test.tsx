// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../../../../shared/ipc/contract';
import { QueueDrawer, QueueToggle } from '../../../../../renderer/src/features/queue/QueueDrawer';
import { useQueueStore } from '../../../../../renderer/src/features/queue/store';
import { useJobs } from '../../../../../renderer/src/lib/jobCache';

const PROMPT = 'a lighthouse keeper reading by lamplight in a storm';

function job(n: number, o: Partial<Job> = {}): Job {
  return {
    id: `00000000-0000-4000-8000-00000000000${n}`, kind: 'generate', modelId: 'gemini-3.1-flash-image',
    request: { prompt: PROMPT, tier: 'flash', aspectRatio: '1:1', imageSize: '1K', modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [], priority: 0 },
    priority: 0, position: n, attempt: 1, waitReason: null, nextAttemptAt: null, resent: false, createdAt: n, startedAt: 1000, finishedAt: 2200,
    outcome: 'images', error: null, generationId: `g${n}`, assetIds: [`asset-${n}`], usage: null, costUsd: 0.035, conversationId: null, batch: null, setId: 'set-1',
    state: 'succeeded', revision: 1, ...o,
  };
}

/** The studio's wiring: a toggle and the drawer it opens. */
function Studio() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <QueueToggle open={open} onToggle={() => setOpen(!open)} />
      <QueueDrawer open={open} onClose={() => setOpen(false)} />
    </>
  );
}

beforeEach(() => {
  const invoke = vi.fn(async () => ({ ok: true, data: [] }));
  (window as unknown as { atelier: unknown }).atelier = { invoke, on: () => () => {} };
  useJobs.setState({ jobs: [1, 2, 3, 4].map((n) => job(n)) });
  useQueueStore.setState({ cleared: {}, status: null });
});
afterEach(cleanup);

describe('<QueueDrawer>', () => {
  it('shows every job of a ×4 set with its whole prompt, its thumbnail and what it cost', async () => {
    render(<Studio />);
    expect(screen.queryByTestId('queue-drawer')).toBeNull();
    await userEvent.click(screen.getByTestId('queue-toggle'));
    const cards = within(screen.getByTestId('queue-drawer')).getAllByTestId('job-card');
    expect(cards).toHaveLength(4);
    for (const card of cards) {
      expect(within(card).getByText(PROMPT)).toBeTruthy();
      expect(within(card).getByRole('button', { name: 'View the image' })).toBeTruthy();
      expect(within(card).getByTestId('job-cost').textContent).toContain('$0.035');
      expect(card.textContent).toContain('Done in 1.2 s');
    }
  });

  it('takes focus when it opens, closes on Esc, and gives focus back to the toggle', async () => {
    render(<Studio />);
    const toggle = screen.getByTestId('queue-toggle');
    toggle.focus();
    await userEvent.keyboard('{Enter}');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Queue' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId('queue-drawer')).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });

  it('its toggle counts what is running, waiting and failed while it is closed', () => {
    useJobs.setState({ jobs: [job(1, { state: 'running', finishedAt: null }), job(2, { state: 'queued', startedAt: null, finishedAt: null }), job(3, { state: 'failed', error: { code: 'server', message: 'Gemini had a problem' } })] });
    render(<Studio />);
    expect(screen.getByTestId('queue-count-running').textContent).toBe('1 running');
    expect(screen.getByTestId('queue-count-waiting').textContent).toBe('1 waiting');
    expect(screen.getByTestId('queue-count-failed').textContent).toBe('1 failed');
  });
});
