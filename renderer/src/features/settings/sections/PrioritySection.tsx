import type { Settings } from '../../../../../shared/ipc/contract';
import { SwitchSection } from './SwitchSection';

/**
 * Priority is for projects on paid Tier 2 or 3 (Google's priority-inference page). Atelier cannot
 * read the project's tier, so Priority is offered in the forms only once the user says so here.
 */
export function PrioritySection({ settings }: { settings: Settings }) {
  return (
    <SwitchSection
      settings={settings}
      section="priority"
      setting="priorityAllowed"
      title="Priority"
      label="My project can use Priority (paid Tier 2 or 3)"
      testId="settings-priority-allowed"
      help="Offers Priority beside Standard and Economy: answers fastest, at up to twice the Standard price. Google may serve a Priority request at Standard when busy; Atelier then bills it at Standard."
    />
  );
}
