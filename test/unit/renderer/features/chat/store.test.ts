/** The chat store, built fresh per test: drafts per conversation, the answer fetched when its job ends, a switch of model. */
import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../../../shared/ipc/contract';
import { createChatStore } from '../../../../../renderer/src/features/chat/store';
import { createJobCache } from '../../../../../renderer/src/lib/jobCache';
import { fail, fakeBridge, ok } from '../../support/fakeBridge';
import { makeJob } from '../../support/jobs';

const ID = '00000000-0000-4000-8000-0000000000c1';
const conversation = (o: Partial<Conversation> = {}): Conversation =>
  ({ id: ID, title: 'A chat', tier: 'flash', modelId: 'gemini-3.1-flash-image', turns: [], updatedAt: 1, movedAtTurn: null, pendingJob: null, ...o }) as unknown as Conversation;

function fresh() {
  const jobs = createJobCache();
  return { jobs, chat: createChatStore(jobs) };
}

describe('chat store', () => {
  it('keeps a draft per conversation, and two stores never share one', async () => {
    fakeBridge({ 'chat.get': ok(conversation()) });
    const a = fresh().chat;
    const b = fresh().chat;
    await a.getState().open(ID);
    a.getState().setDraft('warmer light');
    expect(a.getState().drafts[ID]).toBe('warmer light');
    expect(b.getState().drafts[ID]).toBeUndefined();
  });

  it('fetches the conversation again once a job of its own ends, and not for a job that was already over', async () => {
    const { invoke } = fakeBridge({ 'chat.get': ok(conversation()) });
    const { chat } = fresh();
    await chat.getState().open(ID);
    invoke.mockClear();
    const running = makeJob({ id: 'j1', kind: 'chat', state: 'running', conversationId: ID, revision: 2 });
    chat.getState().jobMoved(running, undefined);
    expect(invoke).not.toHaveBeenCalled();
    const done = { ...running, state: 'succeeded' as const, revision: 3 };
    chat.getState().jobMoved(done, running);
    expect(invoke).toHaveBeenCalledWith('chat.get', { id: ID });
    invoke.mockClear();
    chat.getState().jobMoved({ ...done, revision: 4 }, done);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('ignores a job of another conversation', async () => {
    const { invoke } = fakeBridge({ 'chat.get': ok(conversation()) });
    const { chat } = fresh();
    await chat.getState().open(ID);
    invoke.mockClear();
    chat.getState().jobMoved(makeJob({ id: 'j2', kind: 'chat', state: 'succeeded', conversationId: 'another' }), undefined);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('a send puts its job in the job cache and shows the prompt at once', async () => {
    const job = makeJob({ id: 'j3', kind: 'chat', state: 'queued', conversationId: ID, revision: 1 });
    fakeBridge({ 'chat.get': ok(conversation()), 'chat.send': ok(job) });
    const { jobs, chat } = fresh();
    await chat.getState().open(ID);
    chat.getState().setDraft('a heron at dawn');
    await chat.getState().send();
    expect(jobs.getState().jobs).toEqual([job]);
    expect(chat.getState().drafts[ID]).toBe('');
  });

  it('moving to another model answers main’s refusal in words', async () => {
    fakeBridge({ 'chat.moveToModel': fail('model_not_found', 'That model is not available to this key.') });
    const { chat } = fresh();
    expect(await chat.getState().moveToModel(ID, 'gemini-next')).toBe('That model is not available to this key.');
  });
});
