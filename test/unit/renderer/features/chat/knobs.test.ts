/** The chat composer's model choices follow the open conversation's model (shared policy). */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatStore } from '../../../../../renderer/src/features/chat/store';
import { createJobCache } from '../../../../../renderer/src/lib/jobCache';
import type { Conversation } from '../../../../../shared/ipc/contract';
import { capabilitiesFor, FALLBACK_MODEL_FOR_TIER } from '../../../../../shared/models/catalogue';

const conversation = (id: string, modelId: string): Conversation =>
  ({ id, title: 'A chat', tier: capabilitiesFor(modelId).tier, modelId, turns: [], updatedAt: 1, movedAtTurn: null, pendingJob: null }) as unknown as Conversation;

const chats: Record<string, Conversation> = {
  flash: conversation('00000000-0000-4000-8000-00000000000f', FALLBACK_MODEL_FOR_TIER.flash),
  pro: conversation('00000000-0000-4000-8000-00000000000a', FALLBACK_MODEL_FOR_TIER.pro),
};
const invoke = vi.fn(async (route: string, input?: { id?: string }) => {
  if (route === 'chat.get') return { ok: true, data: Object.values(chats).find((c) => c.id === input?.id) };
  if (route === 'chat.send') return { ok: false, code: 'internal', message: 'not in this test' };
  return { ok: true, data: [] };
});

async function fresh() {
  (globalThis as unknown as { window: unknown }).window = { atelier: { invoke, on: () => () => {} } };
  return { useChatStore: createChatStore(createJobCache()) };
}

describe('chat store: model knobs', () => {
  beforeEach(() => invoke.mockClear());

  it('opening a Pro chat moves a Flash-only ratio to the nearest Pro takes, says so, and sends what it shows', async () => {
    const { useChatStore } = await fresh();
    await useChatStore.getState().open(chats.flash!.id);
    useChatStore.getState().setChoices({ aspectRatio: '8:1', imageSize: '512' });
    expect(useChatStore.getState().knobNotice).toBeNull();
    await useChatStore.getState().open(chats.pro!.id);
    const s = useChatStore.getState();
    expect(s).toMatchObject({ aspectRatio: '21:9', imageSize: '1K' });
    expect(s.knobNotice).toContain('8:1 became 21:9');
    s.setDraft('warmer light');
    await s.send();
    expect(invoke).toHaveBeenCalledWith('chat.send', expect.objectContaining({ aspectRatio: '21:9', imageSize: '1K' }));
  });
});
