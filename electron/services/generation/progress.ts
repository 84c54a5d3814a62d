/**
 * Turns a streamed job's thoughts and drafts into bounded `job.progress` payloads. Drafts are
 * shrunk to small JPEG previews by the image helper: a full draft can be megabytes, and the window
 * only needs a glimpse of it while the job runs.
 */
import { PROGRESS_LIMITS, type JobProgress } from '../../../shared/domain/jobs';
import type { StreamProgress } from '../gemini/stream';
import { asBuffer, type Images } from '../images/protocol';

const PREVIEW_EDGE = 256;

async function preview(images: Images, data: string): Promise<string | null> {
  try {
    const jpeg = await images.run('draftPreview', { base64: data, edge: PREVIEW_EDGE }, 'showing a draft');
    if (!jpeg) return null; // a draft that does not decode is simply not shown
    const url = `data:image/jpeg;base64,${asBuffer(jpeg.bytes).toString('base64')}`;
    return url.length <= PROGRESS_LIMITS.draftChars ? url : null;
  } catch {
    return null; // a glimpse, not the result: a helper that stopped meanwhile costs only this preview
  }
}

/** Accumulates one attempt's progress; `add` is called per event, `settled` waits for the last emit. */
export class ProgressTracker {
  private thought = '';
  private drafts: string[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly jobId: string,
    private readonly attempt: number,
    private readonly now: () => number,
    private readonly emit: (p: JobProgress) => void,
    private readonly images: Images,
  ) {}

  add(p: StreamProgress): void {
    this.chain = this.chain.then(async () => {
      this.thought += p.thoughtText;
      for (const d of p.draftImages) {
        const url = await preview(this.images, d.data);
        if (url) this.drafts = [...this.drafts, url].slice(-PROGRESS_LIMITS.drafts);
      }
      const truncated = this.thought.length > PROGRESS_LIMITS.thoughtChars;
      this.emit({
        jobId: this.jobId,
        attempt: this.attempt,
        thoughtText: truncated ? this.thought.slice(-PROGRESS_LIMITS.thoughtChars) : this.thought,
        thoughtTruncated: truncated,
        drafts: this.drafts,
        at: this.now(),
      });
    });
  }

  settled(): Promise<void> {
    return this.chain;
  }
}
