import { PromptDock } from '../../features/generate/PromptDock';
import { SeriesView } from '../../features/series/SeriesView';
import { useSeries } from '../../features/series/store';
import { QueueDrawer, QueueToggle } from '../../features/queue/QueueDrawer';
import { Filmstrip } from './Filmstrip';
import { Stage } from './Stage';
import { useStudio } from './studioStore';
import { useDropToEdit } from './useDropToEdit';
import './studio.css';

/** The first screen: the prompt dock, the stage as large as the window allows, the filmstrip, and the queue as a drawer. */
export function StudioPage() {
  const queueOpen = useStudio((s) => s.queueOpen);
  const setQueueOpen = useStudio((s) => s.setQueueOpen);
  const drop = useDropToEdit();
  const series = useSeries((s) => s.open);
  const setSeries = useSeries((s) => s.setOpen);
  return (
    <div className={`studio${drop.dropping ? ' is-dropping' : ''}`} data-testid="studio" {...drop.handlers}>
      {drop.dropping && (
        <p className="studio-drop-hint" aria-hidden="true">
          Drop to open it on the edit canvas
        </p>
      )}
      <header className="studio-header">
        <h1 className="studio-title">Studio</h1>
        <span className="spacer" />
        <button type="button" className="btn btn-sm" data-testid="series-toggle" aria-pressed={series} onClick={() => setSeries(!series)}>
          Series
        </button>
        <QueueToggle open={queueOpen} onToggle={() => setQueueOpen(!queueOpen)} />
      </header>
      <div className="studio-body">
        {series ? (
          <SeriesView />
        ) : (
          <div className="studio-main">
            <Stage />
            <Filmstrip />
          </div>
        )}
        <QueueDrawer open={queueOpen} onClose={() => setQueueOpen(false)} />
      </div>
      {!series && <PromptDock />}
    </div>
  );
}
