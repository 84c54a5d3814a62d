import type { Settings } from '../../../../../shared/ipc/contract';
import { SwitchSection } from './SwitchSection';

/**
 * Google keeps requests in the project's AI Studio logs unless told `store: false` (projects made
 * from 2026-10-26 on); Atelier says false unless the user opts in here.
 */
export function PrivacySection({ settings }: { settings: Settings }) {
  return (
    <SwitchSection
      settings={settings}
      section="privacy"
      setting="letGoogleKeepRequests"
      title="Privacy"
      label="Let Google keep my requests (AI Studio logs)"
      testId="settings-keep-requests"
      help={
        <>
          When on, Google stores your prompts and photos in your project’s AI Studio logs, where you can review them; when off, Atelier sends <code>store: false</code> with every request so they are not logged.
        </>
      }
    />
  );
}
