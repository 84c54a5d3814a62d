import { useShallow } from 'zustand/react/shallow';
import { MODEL_TIERS, TIER_LABELS } from '../../../../shared/domain/vocabulary';
import { formatRelative } from '../../lib/format';
import { AlertIcon, PlusIcon } from '../../lib/icons';
import { useNow } from '../../lib/useNow';
import { useChatStore } from './store';
import { InlineError } from '../../lib/InlineError';

function NewChat() {
  const { newTier, creating, createError, setNewTier, create } = useChatStore(
    useShallow((s) => ({ newTier: s.newTier, creating: s.creating, createError: s.createError, setNewTier: s.setNewTier, create: s.create })),
  );
  return (
    <div className="chat-new">
      <div className="chat-new-row">
        <div className="segmented chat-new-tier" role="group" aria-label="Model for the new chat">
          {MODEL_TIERS.map((t) => (
            <button
              key={t}
              type="button"
              className="segment"
              data-testid={`chat-new-tier-${t}`}
              aria-pressed={newTier === t}
              onClick={() => setNewTier(t)}
            >
              {TIER_LABELS[t]}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="btn btn-secondary chat-new-button"
          data-testid="chat-new"
          disabled={creating}
          onClick={() => void create()}
        >
          <PlusIcon size={15} />
          New chat
        </button>
      </div>
      <InlineError message={createError} testId="chat-create-error" />
    </div>
  );
}

export function ChatList() {
  const { conversations, listLoaded, listError, openId, open } = useChatStore(
    useShallow((s) => ({ conversations: s.conversations, listLoaded: s.listLoaded, listError: s.listError, openId: s.openId, open: s.open })),
  );
  // Minute resolution is plenty for "4 min ago".
  const now = useNow(true, 30_000);

  return (
    <aside className="chat-sidebar" aria-label="Conversations">
      <header className="chat-sidebar-header">
        <h1 className="chat-sidebar-title">Chats</h1>
        {conversations.length > 0 && <span className="section-count">{conversations.length}</span>}
      </header>
      <NewChat />
      {listError && (
        <p className="inline-error chat-list-error" role="alert">
          <AlertIcon />
          <span>Could not load chats: {listError}</span>
        </p>
      )}
      <ul className="chat-list" data-testid="chat-list">
        {conversations.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="chat-list-item"
              data-testid="chat-list-item"
              data-conversation-id={c.id}
              aria-current={c.id === openId ? 'true' : undefined}
              onClick={() => void open(c.id)}
            >
              <span className="chat-list-title" title={c.title}>
                {c.title}
              </span>
              <span className="chat-list-meta">
                <span className={`tier-tag is-${c.tier}`}>{TIER_LABELS[c.tier]}</span>
                <span>
                  {c.turns} {c.turns === 1 ? 'turn' : 'turns'}
                </span>
                <span className="chat-list-dot" aria-hidden="true">
                  ·
                </span>
                <time dateTime={new Date(c.updatedAt).toISOString()} title={new Date(c.updatedAt).toLocaleString()}>
                  {formatRelative(c.updatedAt, now)}
                </time>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {listLoaded && !listError && conversations.length === 0 && (
        <p className="chat-list-empty muted">No chats yet. Start one to refine a picture step by step.</p>
      )}
    </aside>
  );
}
