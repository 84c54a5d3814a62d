import { PromptDock } from '../../features/generate/PromptDock';
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
        <QueueToggle open={queueOpen} onToggle={() => setQueueOpen(!queueOpen)} />
      </header>
      <div className="studio-body">
        <div className="studio-main">
          <Stage />
          <Filmstrip />
        </div>
        <QueueDrawer open={queueOpen} onClose={() => setQueueOpen(false)} />
      </div>
      <PromptDock />
    </div>
  );
}
