/** The chat store, built fresh per test: drafts per conversation, the answer fetched when its job ends, a switch of model. */
import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../../../shared/ipc/contract';
import { composerElementsProblem, createChatStore } from '../../../../../renderer/src/features/chat/store';
import { elementsProblem } from '../../../../../renderer/src/features/generate/store';
import { capabilitiesFor } from '../../../../../shared/models/catalogue';
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

  describe('which to drop in the chat', () => {
    const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`);
    const anna = { id: ids(1, 100)[0]!, name: 'Anna', kind: 'person' as const, assetIds: ids(2) };
    const mug = { id: ids(1, 101)[0]!, name: 'Mug', kind: 'object' as const, assetIds: ids(1, 10) };

    it('says the studio dock’s sentence when the chosen Elements do not fit the chat’s model, and does not send', async () => {
      const { invoke } = fakeBridge({ 'chat.get': ok(conversation({ modelId: 'gemini-2.5-flash-image' })) });
      const { chat } = fresh();
      await chat.getState().open(ID);
      chat.getState().setDraft('@Anna holding @Mug ');
      chat.getState().attachElement(anna);
      chat.getState().attachElement(mug);
      const caps = capabilitiesFor('gemini-2.5-flash-image');
      const s = chat.getState();
      const said = composerElementsProblem(caps, s.attachments[ID]!, s.elements[ID]!, s.drafts[ID]!);
      // The same words the studio's dock shows for the same Elements on the same model.
      expect(said).toBe(elementsProblem(caps, { references: [], elements: [anna, mug] }));
      expect(said).toMatch(/ Drop @Anna and @Mug \(3 images\) to fit\.$/);
      invoke.mockClear();
      await chat.getState().send();
      expect(invoke).not.toHaveBeenCalledWith('chat.send', expect.anything());
      expect(chat.getState().sendError).toBe(said);
    });

    it('says nothing once the draft no longer names the Element that did not fit', async () => {
      fakeBridge({ 'chat.get': ok(conversation({ modelId: 'gemini-2.5-flash-image' })) });
      const { chat } = fresh();
      await chat.getState().open(ID);
      chat.getState().setDraft('@Mug on a table');
      chat.getState().attachElement(mug);
      const caps = capabilitiesFor('gemini-2.5-flash-image');
      let s = chat.getState();
      expect(composerElementsProblem(caps, s.attachments[ID]!, s.elements[ID]!, s.drafts[ID]!)).toBeNull();
      chat.getState().setDraft('@Mug held by @Anna ');
      chat.getState().attachElement(anna);
      s = chat.getState();
      expect(composerElementsProblem(caps, s.attachments[ID]!, s.elements[ID]!, s.drafts[ID]!)).toContain('Drop @Anna (2 images) to fit.');
    });
  });
});
