import { thumbUrl } from '../../../../shared/urls';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Conversation } from '../../../../shared/ipc/contract';
import { TIER_LABELS } from '../../../../shared/domain/vocabulary';
import { formatUsdTotal } from '../../lib/format';
import { ModelStanding } from '../../lib/ModelStanding';
import { AlertIcon, ChatIcon } from '../../lib/icons';
import { isActive } from '../../lib/jobs';
import { ChatComposer } from './ChatComposer';
import { ChatList } from './ChatList';
import { ChatThread, versionsOf, type OpenImage } from './ChatThread';
import { Lightbox } from './Lightbox';
import { pendingOf, useChatStore } from './store';
import { useJobs } from '../../lib/jobCache';
import './chat.css';

/** Closer than this to the bottom counts as "following along": new turns scroll into view. */
const STICK_PX = 120;

function ChatHeader({ conversation, onJump }: { conversation: Conversation; onJump: (index: number) => void }) {
  const versions = versionsOf(conversation.turns);
  const spent = conversation.turns.reduce((sum, t) => sum + (t.generation?.costUsd ?? 0), 0);
  const strip = conversation.turns.filter((t) => versions.has(t.index));
  return (
    <header className="chat-header">
      <div className="chat-header-text">
        <h2 className="chat-title" title={conversation.title}>
          {conversation.title}
        </h2>
        <p className="chat-subtitle">
          <span className={`tier-tag is-${conversation.tier}`}>{TIER_LABELS[conversation.tier]}</span>
          <span className="mono">{conversation.modelId}</span>
          {spent > 0 && <span>· {formatUsdTotal(spent)} so far</span>}
          {conversation.movedAtTurn !== null && (
            <span data-testid="chat-moved" title="Answers before the move were sent to this model without their thought signatures">
              · moved from an earlier model
            </span>
          )}
        </p>
      </div>
      {strip.length > 1 && (
        <nav className="chat-versions" aria-label="Versions">
          {strip.map((t) => {
            const v = versions.get(t.index);
            const last = t === strip.at(-1);
            return (
              <button
                key={t.index}
                type="button"
                className={`chat-version-thumb${last ? ' is-latest' : ''}`}
                title={`Version ${v}`}
                onClick={() => onJump(t.index)}
              >
                <img src={thumbUrl(t.assetIds[0]!)} alt="" />
                <span>v{v}</span>
              </button>
            );
          })}
        </nav>
      )}
    </header>
  );
}

function OpenConversation({ conversation }: { conversation: Conversation }) {
  const jobs = useJobs((s) => s.jobs);
  const pending = pendingOf(conversation, jobs);
  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const lastTop = useRef(0);
  const [image, setImage] = useState<OpenImage | null>(null);

  const toBottom = useCallback(() => {
    const el = scrollRef.current;
    // Instant, not smooth: a smooth scroll's intermediate positions would read as "the user scrolled up".
    if (el) el.scrollTop = el.scrollHeight;
  }, []);

  // Opening a conversation lands on its newest turn.
  useLayoutEffect(() => {
    stick.current = true;
    toBottom();
  }, [conversation.id, toBottom]);

  // Whatever grows the thread (a new turn, the pending answer, an image finishing loading, the
  // composer taking more room) keeps the newest turn in view, unless the user scrolled up to look back.
  useEffect(() => {
    const el = scrollRef.current;
    const content = contentRef.current;
    if (!el || !content) return;
    const observer = new ResizeObserver(() => {
      if (stick.current) toBottom();
    });
    observer.observe(el);
    observer.observe(content);
    return () => observer.disconnect();
  }, [toBottom]);

  function onJump(index: number) {
    const el = scrollRef.current?.querySelector(`.chat-turn[data-index="${index}"]`);
    el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  return (
    <section className="chat-pane" data-testid="chat-view" data-conversation-id={conversation.id} aria-label={conversation.title}>
      <ChatHeader conversation={conversation} onJump={onJump} />
      <ModelStanding
        modelId={conversation.modelId}
        what="This chat uses"
        testId="chat-standing"
        warning="Switching keeps every message and picture, but the earlier answers’ thought signatures do not carry over to another model: Atelier sends the history without them, so the first answer on the new model may follow the earlier pictures less closely."
        onSwitch={(successor) => useChatStore.getState().moveToModel(conversation.id, successor)}
      />
      <div
        className="chat-scroll"
        ref={scrollRef}
        onScroll={(e) => {
          const el = e.currentTarget;
          const near = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
          // Only moving up lets go of the bottom. Content growing under a scroll that is still being
          // dispatched must not read as the user looking back.
          if (el.scrollTop < lastTop.current) stick.current = near;
          else if (near) stick.current = true;
          lastTop.current = el.scrollTop;
        }}
      >
        <div ref={contentRef}>
        {conversation.turns.length === 0 && !pending ? (
          <div className="chat-start">
            <p className="chat-start-title">Start with a picture</p>
            <p className="muted">
              Describe it below. Then keep talking to it — each answer refines the last picture, so you can change the light, move
              things around or try another style without starting over.
            </p>
          </div>
        ) : (
          <ChatThread conversation={conversation} pending={pending} onOpenImage={setImage} />
        )}
        </div>
      </div>
      <ChatComposer
        conversationId={conversation.id}
        modelId={conversation.modelId}
        first={conversation.turns.length === 0}
        busy={pending !== null && isActive(pending)}
      />
      <Lightbox image={image} onClose={() => setImage(null)} />
    </section>
  );
}

export function ChatsView() {
  const { listLoaded, loadList, openId, conversation, conversationError, refresh } = useChatStore(
    useShallow((s) => ({
      listLoaded: s.listLoaded,
      loadList: s.loadList,
      openId: s.openId,
      conversation: s.conversation,
      conversationError: s.conversationError,
      refresh: s.refresh,
    })),
  );

  useEffect(() => {
    if (!listLoaded) void loadList();
  }, [listLoaded, loadList]);

  let pane;
  if (conversation) {
    pane = <OpenConversation conversation={conversation} />;
  } else if (openId && conversationError) {
    pane = (
      <section className="chat-pane chat-pane-message" data-testid="chat-view">
        <p className="inline-error" role="alert">
          <AlertIcon />
          <span>Could not open this chat: {conversationError}</span>
        </p>
        <button type="button" className="btn btn-secondary" onClick={() => void refresh()}>
          Try again
        </button>
      </section>
    );
  } else if (openId) {
    pane = (
      <section className="chat-pane chat-pane-message" aria-busy="true">
        <span className="spinner is-queued" aria-hidden="true" />
      </section>
    );
  } else {
    pane = (
      <section className="chat-pane chat-pane-message">
        <div className="empty chat-empty">
          <ChatIcon />
          <p>
            <strong>Refine a picture by talking to it.</strong>
            <br />
            Start a chat, describe an image, then ask for changes one at a time.
          </p>
        </div>
      </section>
    );
  }

  return (
    <div className="chats">
      <ChatList />
      {pane}
    </div>
  );
}
