/**
 * Chats: the conversation list and the one conversation that is open. Main owns both; this is
 * a cache refreshed by `chat.updated` and by the open conversation's job moving along.
 */
import { create } from 'zustand';
import { referenceKindOf, type Element } from '../../../../shared/domain/elements';
import { fitElements } from '../../../../shared/models/elementFit';
import { promptNames } from '../../lib/elements';
import type { Conversation, ConversationSummary, Job, Reference, Turn } from '../../../../shared/ipc/contract';
import { referenceKey } from '../../../../shared/domain/referenceKey';
import { thumbUrl } from '../../../../shared/urls';
import type { AspectRatio, ImageSize, ModelTier } from '../../../../shared/domain/vocabulary';
import type { ModelCapabilities } from '../../../../shared/models/catalogue';
import { call } from '../../lib/bridge';
import { toImportFiles } from '../../lib/files';
import { errorText } from '../../lib/format';
import { isActive, newer } from '../../lib/jobs';
import { jobById, useJobs } from '../../lib/jobCache';
import { capabilitiesOf, catalog, fitNotice, fitToModel, type KnobChoices } from '../../lib/models';
import { useKeyStatus } from '../../lib/keyStatus';

/**
 * The job answering the last user turn, as fresh as we know it, or null when the conversation
 * is waiting for nothing. `chat.get` drops a finished job from `pendingJob`; a failed one stays
 * visible here (from the live copy) so the user can read why and retry.
 */
export function pendingOf(conversation: Conversation, jobs: readonly Job[]): Job | null {
  const last = conversation.turns.at(-1);
  let job = conversation.pendingJob;
  if (!job && last?.role === 'user' && last.jobId) job = jobById(jobs, last.jobId) ?? null;
  if (!job) return null;
  const live = jobById(jobs, job.id);
  const current = live ? newer(job, live) : job;
  // Succeeded and its answer is already in the thread: nothing is pending any more.
  if (current.state === 'succeeded' && last?.role === 'model') return null;
  return current;
}

/** What a chat's model takes, per the catalog lib/models keeps (the same answer main checks with). */
function capsOf(modelId: string): ModelCapabilities {
  return capabilitiesOf(catalog(), modelId);
}

type ChatKnobs = Pick<ChatState, 'aspectRatio' | 'imageSize' | 'includeThoughts' | 'knobNotice'>;

/** The composer's choices moved to what this conversation's model takes, with what moved. */
function fitChoices(s: ChatKnobs, conversation: Conversation): ChatKnobs {
  const caps = capsOf(conversation.modelId);
  const fit = fitToModel({ aspectRatio: s.aspectRatio, imageSize: s.imageSize, includeThoughts: s.includeThoughts }, caps);
  return { aspectRatio: fit.choices.aspectRatio ?? null, imageSize: fit.choices.imageSize ?? null, includeThoughts: !!fit.choices.includeThoughts, knobNotice: fitNotice(caps, fit.changes) ?? s.knobNotice };
}

function summaryOf(c: Conversation): ConversationSummary {
  return { id: c.id, title: c.title, tier: c.tier, modelId: c.modelId, turns: c.turns.length, updatedAt: c.updatedAt, movedAtTurn: c.movedAtTurn };
}

function upsertSummary(list: ConversationSummary[], s: ConversationSummary): ConversationSummary[] {
  return [s, ...list.filter((c) => c.id !== s.id)].sort((a, b) => b.updatedAt - a.updatedAt);
}

export interface Attachment {
  reference: Reference;
  name: string | null;
  previewUrl: string;
}

/** An Element chosen with `@` in the composer: enough to send its images, name it and count it. */
export type ChosenElement = Pick<Element, 'id' | 'name' | 'kind' | 'assetIds'>;

/**
 * The studio dock's "which to drop" for the composer (shared/models/elementFit, the same sentence):
 * the Elements the draft still names, against the other photos of the next message.
 */
export function composerElementsProblem(caps: ModelCapabilities, attachments: readonly Attachment[], chosen: readonly ChosenElement[], draft: string): string | null {
  const named = chosen.filter((e) => promptNames(draft, e.name));
  if (named.length === 0) return null;
  const viaElements = new Set(named.flatMap((e) => e.assetIds));
  const others = attachments.filter((a) => !viaElements.has(referenceKey(a.reference))).map((a) => ({ kind: a.reference.kind }));
  return fitElements(caps, others, named)?.message ?? null;
}

/** Held photos taken off the composer: main forgets them unless a job still needs them. */
function release(items: readonly Attachment[]): void {
  const sha256s = items.flatMap((a) => ('heldSha256' in a.reference ? [a.reference.heldSha256] : []));
  if (sha256s.length) void call('references.release', { sha256s });
}

interface ChatState {
  /** Most recently updated first. */
  conversations: ConversationSummary[];
  listLoaded: boolean;
  listError: string | null;

  openId: string | null;
  /** The open conversation; null while it loads. */
  conversation: Conversation | null;
  conversationError: string | null;

  newTier: ModelTier;
  creating: boolean;
  createError: string | null;

  /** Unsent text per conversation, so switching chats does not lose a half-written prompt. */
  drafts: Record<string, string>;
  includeThoughts: boolean;
  sending: boolean;
  sendError: string | null;
  retryError: string | null;
  /**
   * Photos for the next message, per conversation: library images, or dropped and pasted photos
   * main holds (`references.hold`) until the answer comes, when they join the library.
   */
  attachments: Record<string, Attachment[]>;
  /** Per conversation: the Elements chosen with `@` for the next turn (sent while the draft names them). */
  elements: Record<string, ChosenElement[]>;
  attaching: boolean;
  /** Per-file problems from the last drop or paste, in a person's words. */
  attachErrors: string[];
  /** Ratio and size of the next answer; null: the model's default (the picture's own shape). */
  aspectRatio: AspectRatio | null;
  imageSize: ImageSize | null;
  /** What opening a chat on another model moved among those choices, in a sentence. */
  knobNotice: string | null;

  loadList(): Promise<void>;
  open(id: string): Promise<void>;
  refresh(): Promise<void>;
  /** Moves a conversation to another model (its successor); resolves to null, or to why not. */
  moveToModel(id: string, modelId: string): Promise<string | null>;
  setNewTier(tier: ModelTier): void;
  create(): Promise<void>;
  setDraft(text: string): void;
  setIncludeThoughts(on: boolean): void;
  send(): Promise<void>;
  retry(jobId: string): Promise<void>;
  /** Photos dropped or pasted into the composer. */
  attachFiles(files: readonly File[]): Promise<void>;
  /** Library images for the next message (a chat started from the library). */
  attachAssets(items: ReadonlyArray<{ assetId: string; name?: string | null }>): void;
  /** An Element chosen with `@` in the composer: its images attach as references of its kind. */
  attachElement(element: Pick<Element, 'id' | 'name' | 'kind' | 'assetIds'>): void;
  /** By `referenceKey`; a held photo is released. */
  detach(key: string): void;
  setAspectRatio(ratio: AspectRatio | null): void;
  setImageSize(size: ImageSize | null): void;
  /** Any of the composer's model knobs at once (what `<ModelKnobs>` reports). */
  setChoices(patch: Partial<KnobChoices>): void;
  /** "Branch from here": a new chat with the turns up to this one; from a user turn, its text is the draft. */
  branch(turnIndex: number): Promise<void>;
  /** `chat.updated` from main. */
  applyChatUpdated(conversationId: string): void;
  /** A job moved on in the job cache (`before` is the copy held until now): an ended one of ours brings its answer. */
  jobMoved(job: Job, before: Job | undefined): void;
}

/** The store's fields once `conversation` (new, or a branch) is the open one. */
function openedIn(conversations: ConversationSummary[], conversation: Conversation) {
  return { conversations: upsertSummary(conversations, summaryOf(conversation)), openId: conversation.id, conversation, conversationError: null, sendError: null, retryError: null };
}

export function createChatStore(jobs = useJobs) {
  // Only the newest chat.get answer is applied, so a slow reply never overwrites a newer one.
  let refreshSeq = 0;
  let listTimer: ReturnType<typeof setTimeout> | null = null;

  return create<ChatState>()((set, get) => ({
    conversations: [],
    listLoaded: false,
    listError: null,
    openId: null,
    conversation: null,
    conversationError: null,
    newTier: 'flash',
    creating: false,
    createError: null,
    drafts: {},
    includeThoughts: false,
    sending: false,
    sendError: null,
    retryError: null,
    attachments: {},
    elements: {},
    attaching: false,
    attachErrors: [],
    aspectRatio: null,
    imageSize: null,
    knobNotice: null,

    async loadList() {
      const res = await call('chat.list');
      if (!res.ok) {
        set({ listError: errorText(res), listLoaded: true });
        return;
      }
      const conversations = [...res.data].sort((a, b) => b.updatedAt - a.updatedAt);
      set({ conversations, listLoaded: true, listError: null });
      // Land on the most recent conversation rather than an empty pane.
      const first = conversations[0];
      if (get().openId === null && first) void get().open(first.id);
    },

    async open(id) {
      if (get().openId === id && get().conversation) return;
      set({ openId: id, conversation: null, conversationError: null, sendError: null, retryError: null });
      await get().refresh();
    },

    async moveToModel(id, modelId) {
      const res = await call('chat.moveToModel', { id, modelId });
      if (!res.ok) return errorText(res);
      await get().refresh();
      return null;
    },

    async refresh() {
      const id = get().openId;
      if (!id) return;
      const seq = ++refreshSeq;
      const res = await call('chat.get', { id });
      if (seq !== refreshSeq || get().openId !== id) return;
      if (!res.ok) {
        set({ conversationError: errorText(res) });
        return;
      }
      set((s) => ({
        ...(s.conversation?.modelId === res.data.modelId ? {} : fitChoices({ ...s, knobNotice: null }, res.data)),
        conversation: res.data,
        conversationError: null,
        conversations: s.listLoaded ? upsertSummary(s.conversations, summaryOf(res.data)) : s.conversations,
      }));
    },

    setNewTier(newTier) {
      set({ newTier });
    },

    async create() {
      if (get().creating) return;
      set({ creating: true, createError: null });
      const res = await call('chat.create', { tier: get().newTier });
      if (!res.ok) {
        set({ creating: false, createError: errorText(res) });
        return;
      }
      refreshSeq++;
      set((s) => ({
        ...fitChoices({ ...s, knobNotice: null }, res.data),
        creating: false,
        ...openedIn(s.conversations, res.data),
      }));
    },

    setDraft(text) {
      const id = get().openId;
      if (!id) return;
      set((s) => ({ drafts: { ...s.drafts, [id]: text }, sendError: null }));
    },

    setIncludeThoughts(includeThoughts) {
      set({ includeThoughts });
    },

    async send() {
      const { openId: id, conversation, sending, includeThoughts } = get();
      if (!id || !conversation || sending) return;
      const prompt = get().drafts[id] ?? '';
      const onboarding = useKeyStatus.getState();
      if (onboarding.status && !onboarding.status.hasKey) {
        onboarding.openDialog('generate');
        return;
      }
      if (prompt.trim() === '') {
        set({ sendError: 'Write a prompt first.' });
        return;
      }
      const attached = get().attachments[id] ?? [];
      const chosen = get().elements[id] ?? [];
      const named = chosen.filter((e) => promptNames(prompt, e.name)).map((e) => ({ id: e.id, name: e.name }));
      const tooMany = composerElementsProblem(capsOf(conversation.modelId), attached, chosen, prompt);
      if (tooMany) {
        set({ sendError: tooMany });
        return;
      }
      // Only what this chat's model can do travels: the same fit the composer showed.
      const { aspectRatio, imageSize } = fitChoices(get(), conversation);
      set({ sending: true, sendError: null, retryError: null });
      const res = await call('chat.send', {
        conversationId: id,
        prompt,
        aspectRatio,
        imageSize,
        modalities: 'TEXT_IMAGE',
        grounding: false,
        includeThoughts: includeThoughts && capsOf(conversation.modelId).visibleThoughts,
        references: attached.map((a) => a.reference),
        ...(named.length ? { elements: named } : {}),
      });
      if (!res.ok) {
        set({ sending: false, sendError: errorText(res) });
        if (res.code === 'no_key') useKeyStatus.getState().openDialog('generate');
        return;
      }
      const job = jobs.getState().put(res.data).kept;
      set((s) => {
        const base = s.openId === id ? s.conversation : null;
        // Show the prompt at once; the refresh below replaces this with main's copy of the turn.
        const optimistic: Turn = { index: base?.turns.length ?? 0, role: 'user', text: prompt.trim(), assetIds: attached.flatMap((a) => ('assetId' in a.reference ? [a.reference.assetId] : [])), heldUrls: attached.flatMap((a) => ('heldSha256' in a.reference ? [a.previewUrl] : [])), jobId: job.id, generation: null };
        return {
          sending: false,
          drafts: { ...s.drafts, [id]: '' },
          attachments: { ...s.attachments, [id]: [] },
          elements: { ...s.elements, [id]: [] },
          attachErrors: [],
          conversation: base ? { ...base, turns: [...base.turns, optimistic], pendingJob: job } : s.conversation,
        };
      });
      await get().refresh();
    },

    async retry(jobId) {
      set({ retryError: null });
      const res = await call('jobs.retry', { id: jobId });
      if (!res.ok) {
        set({ retryError: errorText(res) });
        return;
      }
      const { before, kept } = jobs.getState().put(res.data);
      if (kept !== before) get().jobMoved(kept, before);
    },

    async attachFiles(files) {
      const id = get().openId;
      if (!id || files.length === 0 || get().attaching) return;
      const conversation = get().conversation;
      const caps = capsOf(conversation?.modelId ?? '');
      const have = get().attachments[id] ?? [];
      const room = Math.max(0, caps.maxReferenceImages - have.length);
      const errors: string[] = [];
      if (files.length > room) {
        const skipped = files.length - room;
        errors.push(`This model takes at most ${caps.maxReferenceImages} photos in a message; ${skipped === 1 ? '1 photo was' : `${skipped} photos were`} not added.`);
      }
      const taken = files.slice(0, room);
      set({ attachErrors: errors, attaching: taken.length > 0 });
      if (taken.length === 0) return;
      let payload;
      try {
        payload = await toImportFiles(taken);
      } catch {
        set({ attaching: false, attachErrors: [...errors, 'A file could not be read from the disk.'] });
        return;
      }
      // Held, not imported: they join the library once an answer that used them comes.
      const res = await call('references.hold', { files: payload });
      if (!res.ok) {
        set({ attaching: false, attachErrors: [...errors, errorText(res)] });
        return;
      }
      const held: Attachment[] = [];
      const refused: string[] = [];
      for (const o of res.data.outcomes) {
        if ('held' in o) held.push({ reference: { heldSha256: o.held.sha256, kind: 'object' }, name: o.name, previewUrl: o.held.previewUrl });
        else refused.push(`${o.name}: ${o.error}`);
      }
      set((s) => {
        const have = s.attachments[id] ?? [];
        const fresh = held.filter((h) => !have.some((a) => referenceKey(a.reference) === referenceKey(h.reference)));
        return { attaching: false, attachErrors: [...errors, ...refused], attachments: { ...s.attachments, [id]: [...have, ...fresh] } };
      });
    },

    attachElement(element) {
      const id = get().openId;
      if (!id) return;
      const kind = referenceKindOf(element.kind);
      set((s) => {
        const have = s.attachments[id] ?? [];
        const fresh = element.assetIds
          .filter((assetId) => !have.some((h) => referenceKey(h.reference) === assetId))
          .map((assetId): Attachment => ({ reference: { assetId, kind }, name: `@${element.name}`, previewUrl: thumbUrl(assetId) }));
        const chosen = (s.elements[id] ?? []).filter((e) => e.id !== element.id);
        const kept: ChosenElement = { id: element.id, name: element.name, kind: element.kind, assetIds: element.assetIds };
        return { attachments: { ...s.attachments, [id]: [...have, ...fresh] }, elements: { ...s.elements, [id]: [...chosen, kept] } };
      });
    },

    attachAssets(items) {
      const id = get().openId;
      if (!id) return;
      set((s) => {
        const have = s.attachments[id] ?? [];
        const fresh = items
          .filter((i) => !have.some((h) => referenceKey(h.reference) === i.assetId))
          .map((i): Attachment => ({ reference: { assetId: i.assetId, kind: 'object' }, name: i.name ?? null, previewUrl: thumbUrl(i.assetId) }));
        return { attachments: { ...s.attachments, [id]: [...have, ...fresh] } };
      });
    },

    detach(key) {
      const id = get().openId;
      if (!id) return;
      release((get().attachments[id] ?? []).filter((a) => referenceKey(a.reference) === key));
      set((s) => ({ attachments: { ...s.attachments, [id]: (s.attachments[id] ?? []).filter((a) => referenceKey(a.reference) !== key) } }));
    },

    setAspectRatio(aspectRatio) {
      set({ aspectRatio });
    },

    setImageSize(imageSize) {
      set({ imageSize });
    },

    setChoices(patch) {
      set({ ...patch, knobNotice: null });
    },

    async branch(turnIndex) {
      const from = get().conversation;
      if (!from) return;
      const res = await call('chat.branch', { conversationId: from.id, turnIndex });
      if (!res.ok) {
        set({ sendError: errorText(res) });
        return;
      }
      const turn = from.turns.find((t) => t.index === turnIndex);
      refreshSeq++;
      set((s) => ({
        ...openedIn(s.conversations, res.data),
        // Branching at a message of one's own is asking it differently: it is there to edit.
        drafts: turn?.role === 'user' && turn.text ? { ...s.drafts, [res.data.id]: turn.text } : s.drafts,
        attachments: turn?.role === 'user' && turn.assetIds.length ? { ...s.attachments, [res.data.id]: turn.assetIds.map((assetId): Attachment => ({ reference: { assetId, kind: 'object' }, name: null, previewUrl: thumbUrl(assetId) })) } : s.attachments,
      }));
    },

    applyChatUpdated(conversationId) {
      const { listLoaded, openId } = get();
      if (listLoaded) {
        // Several turns can land together; one list reload covers them.
        if (listTimer) clearTimeout(listTimer);
        listTimer = setTimeout(() => {
          listTimer = null;
          void get().loadList();
        }, 150);
      }
      if (conversationId === openId) void get().refresh();
    },

    jobMoved(job, before) {
      const { openId, conversation } = get();
      if (!openId) return;
      const ours = job.conversationId === openId || conversation?.pendingJob?.id === job.id;
      if (!ours) return;
      // The answer (or the reason there is none) is stored as a turn once the job ends.
      if (!isActive(job) && (!before || isActive(before))) void get().refresh();
    },
  }));
}

export const useChatStore = createChatStore();
