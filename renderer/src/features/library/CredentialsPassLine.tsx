import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { BackgroundWork } from '../../lib/BackgroundWork';
import { useCredentialsPass } from './credentialsPass';

/** The library's line for the background reading of older images' content credentials. */
export function CredentialsPassLine() {
  const { progress, load, toggle } = useCredentialsPass(useShallow((s) => ({ progress: s.progress, load: s.load, toggle: s.toggle })));
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <BackgroundWork
      progress={progress}
      doing="Reading the content credentials of older images"
      then="The credentials filter grows as it goes."
      label="Content credentials progress"
      testId="credentials-pass"
      onToggle={(action) => void toggle(action)}
    />
  );
}
