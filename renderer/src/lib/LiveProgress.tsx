/** What a streamed job has shown so far: its latest thoughts and draft previews. */
import { useJobProgress } from './progress';
import { BoundedText } from './BoundedText';
import './live.css';

export function LiveProgress({ jobId }: { jobId: string }) {
  const progress = useJobProgress((s) => s.byJob[jobId]);
  if (!progress) return null;
  const thought = progress.thoughtText.trim();
  return (
    <div className="live-progress" data-testid="job-progress" aria-live="polite">
      {progress.drafts.length > 0 && (
        <div className="live-drafts">
          {progress.drafts.map((d, i) => (
            <img key={i} src={d.dataUrl} alt={`Draft ${i + 1} of the image in progress`} data-testid="job-draft" />
          ))}
        </div>
      )}
      {thought && (
        <BoundedText
          text={(progress.thoughtTruncated ? `…${thought.slice(-600)}` : thought.slice(-600)).replace(/\*\*/g, '')}
          excerpt={600}
          className="live-thought"
          testId="job-thought"
        />
      )}
    </div>
  );
}
