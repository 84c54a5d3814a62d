/**
 * Turns a streamed job's thoughts and drafts into bounded `job.progress` payloads. Drafts are
 * shrunk to small JPEG previews here, in main: a full draft can be megabytes, and the window only
 * needs a glimpse of it while the job runs.
 */
import sharp from 'sharp';
import { PROGRESS_LIMITS, type JobProgress } from '../../../shared/domain/jobs';
import type { StreamProgress } from '../gemini/stream';

const PREVIEW_EDGE = 256;

async function preview(data: string): Promise<string | null> {
  try {
    const jpeg = await sharp(Buffer.from(data, 'base64')).resize(PREVIEW_EDGE, PREVIEW_EDGE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 60 }).toBuffer();
    const url = `data:image/jpeg;base64,${jpeg.toString('base64')}`;
    return url.length <= PROGRESS_LIMITS.draftChars ? url : null;
  } catch {
    return null; // a draft that does not decode is simply not shown
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
  ) {}

  add(p: StreamProgress): void {
    this.chain = this.chain.then(async () => {
      this.thought += p.thoughtText;
      for (const d of p.draftImages) {
        const url = await preview(d.data);
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
