// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GenerateRequestInput, Job } from '../../../../shared/ipc/contract';
import { Stage } from '../../../../renderer/src/app/studio/Stage';
import { useGenerateStore } from '../../../../renderer/src/features/generate/store';
import { useJobs } from '../../../../renderer/src/lib/jobCache';

const request: GenerateRequestInput = { prompt: 'teacups', tier: 'flash', aspectRatio: '1:1', imageSize: '1K', modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [] };

function succeeded(id: string): Job {
  return {
    id: `j${id}`, kind: 'generate', state: 'succeeded', modelId: null, request, priority: 0, position: 0, attempt: 1,
    waitReason: null, nextAttemptAt: null, resent: false, createdAt: 1, startedAt: 1, finishedAt: 2, outcome: null, error: null, generationId: `g-${id}`,
    assetIds: [`00000000-0000-4000-8000-00000000000${id}`], usage: null, costUsd: null, conversationId: null, batch: null,
  } as unknown as Job;
}

/** happy-dom does no layout: the stage's area reports the size a real window would give it. */
function stageAreaIs(width: number, height: number) {
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const w = this.classList.contains('stage-area') ? width : 0;
    const h = this.classList.contains('stage-area') ? height : 0;
    return { x: 0, y: 0, top: 0, left: 0, width: w, height: h, right: w, bottom: h, toJSON: () => ({}) } as DOMRect;
  });
}

const generateInitial = useGenerateStore.getState();
const jobsInitial = useJobs.getState();
beforeEach(() => {
  useGenerateStore.setState(generateInitial, true);
  useJobs.setState(jobsInitial, true);
  const jobs = ['1', '2', '3', '4'].map(succeeded);
  useJobs.setState({ jobs });
  useGenerateStore.setState({ sets: [{ setId: 's', jobIds: jobs.map((j) => j.id), request, createdAt: 0 }], currentSetId: 's' });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('<Stage>: the grid it chooses', () => {
  it('puts four squares in one row on a wide stage, each as large as the row allows', () => {
    stageAreaIs(1232, 528);
    const { container } = render(<Stage />);
    const grid = container.querySelector<HTMLElement>('.stage-grid')!;
    expect(grid.dataset.columns).toBe('4');
    expect(grid.style.gridTemplateColumns).toBe('repeat(4, 299px)');
    expect(screen.getAllByTestId('stage-result')).toHaveLength(4);
    // Until the pictures load, each tile shows its placeholder over the (hidden) image.
    expect(screen.getAllByTestId('stage-placeholder')).toHaveLength(4);
  });

  it('puts them 2 × 2 on a squarer stage', () => {
    stageAreaIs(720, 480);
    const { container } = render(<Stage />);
    const grid = container.querySelector<HTMLElement>('.stage-grid')!;
    expect([grid.dataset.columns, grid.dataset.rows]).toEqual(['2', '2']);
  });
});
