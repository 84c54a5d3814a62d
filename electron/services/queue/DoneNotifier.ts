import type { Job } from '../../../shared/ipc/contract';

/** OS notifications, injected (Electron's Notification in the app). */
export interface Notifier {
  notify(n: { title: string; body: string }): void;
}

export interface DoneNotifierOptions {
  notifier?: Notifier | undefined;
  /** Notifications are for work that ends while the person looks elsewhere. */
  isWindowFocused?: (() => boolean) | undefined;
  /** The "notify when done" setting, read each time so a change applies at once. */
  enabled: () => boolean;
}

const PROMPT_CHARS = 80;

/**
 * The one place that tells the OS a job ended: queued generate and chat jobs and Batch API jobs
 * alike, with the same rule for when to stay quiet (window focused, setting off).
 */
export class DoneNotifier {
  constructor(private readonly o: DoneNotifierOptions) {}

  jobEnded(job: Job): void {
    const { notifier, isWindowFocused } = this.o;
    if (!notifier || !this.o.enabled() || isWindowFocused?.() !== false) return;
    if (job.state !== 'succeeded' && job.state !== 'failed') return;
    notifier.notify(messageFor(job));
  }
}

function messageFor(job: Job): { title: string; body: string } {
  const ok = job.state === 'succeeded';
  if (job.kind === 'batch') {
    return ok
      ? { title: 'Batch finished', body: `${job.batch?.succeeded ?? 0} of ${job.batch?.total ?? 0} images ready` }
      : { title: 'Batch failed', body: job.error?.message ?? '' };
  }
  const short = job.request.prompt.length > PROMPT_CHARS ? `${job.request.prompt.slice(0, PROMPT_CHARS)}…` : job.request.prompt;
  return ok ? { title: 'Image ready', body: short } : { title: 'Generation failed', body: `${short} — ${job.error?.message ?? ''}` };
}
