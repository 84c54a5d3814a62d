import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { capabilitiesFor } from '../../../../shared/models';
import { AlertIcon, SendIcon } from '../../lib/icons';
import { useChatStore } from './store';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function ChatComposer({ conversationId, modelId, first, busy }: { conversationId: string; modelId: string; first: boolean; busy: boolean }) {
  const draft = useChatStore((s) => s.drafts[conversationId] ?? '');
  const sending = useChatStore((s) => s.sending);
  const sendError = useChatStore((s) => s.sendError);
  const includeThoughts = useChatStore((s) => s.includeThoughts);
  const setDraft = useChatStore((s) => s.setDraft);
  const setIncludeThoughts = useChatStore((s) => s.setIncludeThoughts);
  const send = useChatStore((s) => s.send);
  const thoughtsId = useId();
  const inputRef = useRef<HTMLTextAreaElement>(null);

  // Opening or starting a chat puts the cursor where the next instruction goes.
  useEffect(() => {
    inputRef.current?.focus();
  }, [conversationId]);
  const canThink = capabilitiesFor(modelId).visibleThoughts;
  // One answer at a time: the next turn builds on the picture the last one returns.
  const blocked = sending || busy;

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
      e.preventDefault();
      if (!blocked) void send();
    }
  }

  return (
    <div className="chat-composer">
      <div className="chat-composer-box">
        <textarea
          ref={inputRef}
          className="prompt-input chat-input"
          data-testid="chat-input"
          aria-label={first ? 'Describe the first picture' : 'Describe the next change'}
          placeholder={first ? 'Describe the picture to start from…' : 'Describe a change — “warmer light”, “add a red kite”, “make it square”…'}
          rows={2}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="chat-composer-bar">
          <label className="chat-check" htmlFor={thoughtsId} title={canThink ? 'Ask Gemini for its thought summaries and draft images' : `${modelId} does not show its thinking`}>
            <input
              id={thoughtsId}
              type="checkbox"
              data-testid="chat-thoughts-toggle"
              checked={includeThoughts && canThink}
              disabled={!canThink}
              onChange={(e) => setIncludeThoughts(e.target.checked)}
            />
            Show thinking
          </label>
          <span className="spacer" />
          {busy && <span className="chat-composer-hint">Waiting for the answer…</span>}
          <button type="button" className="btn btn-primary chat-send" data-testid="chat-send" disabled={blocked} onClick={() => void send()}>
            <SendIcon />
            Send
            <kbd className="kbd" aria-hidden="true">
              {isMac ? '⌘' : 'Ctrl'} ↵
            </kbd>
          </button>
        </div>
      </div>
      {sendError && (
        <p className="inline-error" role="alert" data-testid="chat-send-error">
          <AlertIcon />
          <span>{sendError}</span>
        </p>
      )}
    </div>
  );
}
