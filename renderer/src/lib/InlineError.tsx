import { AlertIcon } from './icons';

/** A refusal or failure in words, where it happened; nothing when there is none. Announced as an alert. */
export function InlineError({ message, testId }: { message: string | null | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <p className="inline-error" role="alert" data-testid={testId}>
      <AlertIcon />
      <span>{message}</span>
    </p>
  );
}
