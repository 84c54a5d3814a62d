import { useId, useState } from 'react';
import type { Settings } from '../../../../../shared/ipc/contract';
import { useSettingsStore } from '../store';
import { SaveResult } from './SaveResult';

/** Streaming can be switched off for proxies that buffer or break `text/event-stream` answers. */
export function StreamingSection({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  const id = useId();
  const [checked, setChecked] = useState(settings.streaming);
  function onChange(on: boolean) {
    setChecked(on);
    void update('streaming', { streaming: on }).then((saved) => {
      if (!saved) setChecked(!on);
    });
  }
  return (
    <section className="panel settings-card" aria-labelledby="settings-streaming-title">
      <h2 id="settings-streaming-title" className="card-title">
        Live progress
      </h2>
      <label className="check-row" htmlFor={id}>
        <input id={id} type="checkbox" data-testid="settings-streaming" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <span>
          Stream answers, showing thoughts and drafts while a job runs
          <span className="muted help block">
            Turn this off if your proxy cannot stream. Requests give up after {settings.requestDeadlineSeconds} s ({settings.requestDeadlineLargeSeconds} s for Pro at 4K).
          </span>
        </span>
      </label>
      <SaveResult section="streaming" />
    </section>
  );
}
