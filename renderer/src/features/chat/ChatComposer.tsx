import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { referenceKey } from '../../../../shared/domain/referenceKey';
import { droppedFiles, pastedImages } from '../../lib/files';
import { AlertIcon, CloseIcon, ImageIcon, SendIcon } from '../../lib/icons';
import { ModelKnobs } from '../../lib/ModelKnobs';
import { capabilitiesOf, useModelsStore } from '../../lib/models';
import { composerElementsProblem, useChatStore } from './store';
import { useElementMention } from '../../lib/ElementPicker';
import { InlineError } from '../../lib/InlineError';

const EMPTY: never[] = [];
const CHAT_KNOBS = ['ratio', 'size', 'thoughts'] as const;

/** Photos waiting to go with the next message; each can be taken off before sending. */
function Attachments({ conversationId }: { conversationId: string }) {
  const { attachments, attaching, attachErrors, detach } = useChatStore(
    useShallow((s) => ({ attachments: s.attachments[conversationId] ?? EMPTY, attaching: s.attaching, attachErrors: s.attachErrors, detach: s.detach })),
  );
  if (attachments.length === 0 && !attaching && attachErrors.length === 0) return null;
  return (
    <div className="chat-attachments">
      {attachments.length > 0 && (
        <ul className="chat-attachment-list" aria-label="Photos for the next message">
          {attachments.map((a, i) => (
            <li key={referenceKey(a.reference)} className="chat-attachment" data-testid="chat-attachment">
              <img src={a.previewUrl} alt={a.name ?? `Photo ${i + 1}`} />
              <button type="button" className="chat-attachment-remove" aria-label={`Remove ${a.name ?? `photo ${i + 1}`}`} onClick={() => detach(referenceKey(a.reference))}>
                <CloseIcon size={12} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {attaching && <span className="chat-composer-hint" role="status">Adding photos…</span>}
      {attachErrors.map((e) => (
        <p key={e} className="inline-error" role="alert" data-testid="chat-attach-error">
          <AlertIcon />
          <span>{e}</span>
        </p>
      ))}
    </div>
  );
}

export function ChatComposer({ conversationId, modelId, first, busy }: { conversationId: string; modelId: string; first: boolean; busy: boolean }) {
  const draft = useChatStore((s) => s.drafts[conversationId] ?? '');
  const sending = useChatStore((s) => s.sending);
  const sendError = useChatStore((s) => s.sendError);
  const setDraft = useChatStore((s) => s.setDraft);
  const send = useChatStore((s) => s.send);
  const { attachFiles, setChoices } = useChatStore(useShallow((s) => ({ attachFiles: s.attachFiles, setChoices: s.setChoices })));
  const choices = useChatStore(
    useShallow((s) => ({ aspectRatio: s.aspectRatio, imageSize: s.imageSize, includeThoughts: s.includeThoughts, notice: s.knobNotice })),
  );
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const attachElement = useChatStore((s) => s.attachElement);
  const mention = useElementMention(inputRef, draft, setDraft, attachElement);

  // Opening or starting a chat puts the cursor where the next instruction goes.
  useEffect(() => {
    inputRef.current?.focus();
  }, [conversationId]);
  const models = useModelsStore((s) => s.models);
  const caps = useMemo(() => capabilitiesOf(models, modelId), [models, modelId]);
  // The studio dock's sentence when the chosen Elements do not fit this chat's model.
  const elementsFit = useChatStore((s) => composerElementsProblem(caps, s.attachments[conversationId] ?? EMPTY, s.elements[conversationId] ?? EMPTY, s.drafts[conversationId] ?? ''));
  // One answer at a time: the next turn builds on the picture the last one returns.
  const blocked = sending || busy;

  // Enter sends, Shift+Enter is a new line — unless an input method is still composing a character.
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    // The @ picker's keys first: Enter there chooses an Element, it does not send.
    mention.inputProps.onKeyDown(e);
    if (e.defaultPrevented) return;
    if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    if (!blocked) void send();
  }

  return (
    <div className="chat-composer">
      <div
        className={`chat-composer-box${dragging ? ' is-dragging' : ''}`}
        data-testid="chat-composer"
        onDragOver={(e) => {
          if (![...e.dataTransfer.types].includes('Files')) return;
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          const files = droppedFiles(e.dataTransfer);
          if (files.length === 0) return;
          e.preventDefault();
          setDragging(false);
          void attachFiles(files);
        }}
      >
        {mention.picker}
        <Attachments conversationId={conversationId} />
        <InlineError message={elementsFit} testId="chat-element-fit" />
        <textarea
          ref={inputRef}
          className="prompt-input chat-input"
          data-testid="chat-input"
          aria-label={first ? 'Describe the first picture' : 'Describe the next change'}
          placeholder={first ? 'Describe the picture to start from… (Shift+Enter: new line)' : 'Describe a change — “warmer light”, “add a red kite”, “make it square”…'}
          rows={2}
          value={draft}
          {...mention.inputProps}
          onChange={(e) => {
            setDraft(e.target.value);
            mention.noteCaret(e.target.selectionStart);
          }}
          onKeyDown={onKeyDown}
          onPaste={(e) => {
            const images = pastedImages(e.clipboardData);
            if (images.length === 0) return;
            e.preventDefault();
            void attachFiles(images);
          }}
        />
        <div className="chat-composer-bar">
          <ModelKnobs
            compact
            label="Options for the next answer"
            caps={caps}
            choices={choices}
            onChange={setChoices}
            knobs={CHAT_KNOBS}
            auto
            notice={choices.notice}
            testIds={{ ratio: 'chat-aspect', size: 'chat-size', thoughts: 'chat-thoughts-toggle' }}
          />
          <span className="chat-composer-hint chat-attach-hint">
            <ImageIcon size={14} /> Drop or paste photos
          </span>
          <span className="spacer" />
          {busy && <span className="chat-composer-hint">Waiting for the answer…</span>}
          <button type="button" className="btn btn-primary chat-send" data-testid="chat-send" disabled={blocked} onClick={() => void send()}>
            <SendIcon />
            Send
            <kbd className="kbd" aria-hidden="true">
              ↵
            </kbd>
          </button>
        </div>
      </div>
      <InlineError message={sendError} testId="chat-send-error" />
    </div>
  );
}
