import { PromptDock } from '../../features/generate/PromptDock';
import { QueueDrawer, QueueToggle } from '../../features/queue/QueueDrawer';
import { Filmstrip } from './Filmstrip';
import { Stage } from './Stage';
import { useStudio } from './studioStore';
import './studio.css';

/** The first screen: the prompt dock, the stage as large as the window allows, the filmstrip, and the queue as a drawer. */
export function StudioPage() {
  const queueOpen = useStudio((s) => s.queueOpen);
  const setQueueOpen = useStudio((s) => s.setQueueOpen);
  return (
    <div className="studio" data-testid="studio">
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
