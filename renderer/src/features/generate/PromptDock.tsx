import { GeneratePanel } from './GeneratePanel';

/** The studio's prompt dock: the generate panel with variations, focused when the studio opens. */
export function PromptDock() {
  return <GeneratePanel dock />;
}
