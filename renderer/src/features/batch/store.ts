/**
 * Batch: the submit form and the batch jobs. Gemini's Batch API runs many prompts at half the
 * price within 24 hours; main submits and polls it and reports progress as `job.updated`.
 */
import { create } from 'zustand';
import type { Job } from '../../../../shared/ipc/contract';
import type { AspectRatio, ModelTier } from '../../../../shared/domain/vocabulary';
import { call } from '../../lib/bridge';
import { errorText } from '../../lib/format';
import { useJobs } from '../../lib/jobCache';
import { capabilitiesNow, fitNotice, fitToModel } from '../../lib/models';
import { useKeyStatus } from '../../lib/keyStatus';
import { promptNames, withElementImages, withoutMention, type ChosenElement } from '../../lib/elements';
import type { BatchLine } from '../../../../shared/domain/elements';
import { fitElements } from '../../../../shared/models/elementFit';
import type { ModelCapabilities } from '../../../../shared/models/catalogue';

/** What the contract accepts per batch. */
export const MAX_PROMPTS = 200;

/** One prompt per non-empty line. */
export function promptsOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Per line: the chosen Elements its `@Names` name, their images as its references. */
export function batchLines(prompts: readonly string[], elements: readonly ChosenElement[]): BatchLine[] {
  return prompts.map((prompt) => {
    const named = elements.filter((e) => promptNames(prompt, e.name));
    return { references: withElementImages([], named).flatMap((r) => ('assetId' in r ? [r] : [])), ...(named.length ? { elements: named.map((e) => ({ id: e.id, name: e.name })) } : {}) };
  });
}

/** The studio dock's "which to drop" (shared/models/elementFit) for the first line whose Elements do not fit. */
export function batchElementsProblem(caps: ModelCapabilities, prompts: readonly string[], elements: readonly ChosenElement[]): string | null {
  for (const [i, prompt] of prompts.entries()) {
    const fit = fitElements(caps, [], elements.filter((e) => promptNames(prompt, e.name)));
    if (fit) return `Line ${i + 1}: ${fit.message}`;
  }
  return null;
}

/** The ratio the tier's model takes nearest to the chosen one (shared/modelPolicy), with what moved. */
function fitRatio(tier: ModelTier, aspectRatio: AspectRatio | null, notice: string | null): { aspectRatio: AspectRatio | null; knobNotice: string | null } {
  const caps = capabilitiesNow(tier);
  const fit = fitToModel({ aspectRatio }, caps);
  return { aspectRatio: fit.choices.aspectRatio ?? null, knobNotice: fitNotice(caps, fit.changes) ?? notice };
}

/** The batch jobs among the cached ones, newest first (the one job cache keeps each at its highest revision). */
export function batchJobs(jobs: readonly Job[]): Job[] {
  return jobs.filter((j) => j.kind === 'batch').sort((a, b) => b.createdAt - a.createdAt);
}

interface BatchState {
  loaded: boolean;
  loadError: string | null;

  text: string;
  /** Chosen with `@`; each line sends the ones it names. */
  elements: ChosenElement[];
  addElement(element: ChosenElement): void;
  /** Its chip removed: the Element goes, and so does each `@Name` of it in the text. */
  removeElement(id: string): void;
  tier: ModelTier;
  /** null: Auto, as in the studio. */
  aspectRatio: AspectRatio | null;
  /** What the last tier switch moved, in a sentence. */
  knobNotice: string | null;
  submitting: boolean;
  error: string | null;
  /** Jobs a cancel was asked for and has not answered yet, and cancel failures, by job id. */
  cancelling: Record<string, true>;
  cancelErrors: Record<string, string>;

  load(): Promise<void>;
  /** A new models catalog: the ratio is refitted to what the tier resolves to now. */
  applyModels(): void;
  setText(text: string): void;
  setTier(tier: ModelTier): void;
  setAspectRatio(ratio: AspectRatio | null): void;
  /**
   * 'batch': Gemini's Batch API (half price, within 24 hours). 'flex': each line as its own job
   * at Economy (Flex: half price, minutes), through the queue. Flex only where the model has it.
   */
  mode: 'batch' | 'flex';
  setMode(mode: 'batch' | 'flex'): void;
  /** What the last Economy submit queued, in a sentence. */
  queuedNote: string | null;
  submit(): Promise<void>;
  cancel(id: string): Promise<void>;
}

export function createBatchStore(jobs = useJobs) {
  return create<BatchState>()((set, get) => ({
    loaded: false,
    loadError: null,
    text: '',
    elements: [],
    tier: 'flash',
    aspectRatio: null,
    knobNotice: null,
    submitting: false,
    error: null,
    cancelling: {},
    cancelErrors: {},

    async load() {
      // Batches are few but long-lived: look further back than the queue's default.
      const loadError = await jobs.getState().load(500);
      set({ loaded: true, loadError });
    },

    applyModels() {
      set((s) => fitRatio(s.tier, s.aspectRatio, s.knobNotice));
    },

    setText(text) {
      set((s) => ({ text, error: null, ...(s.elements.length ? { elements: s.elements.filter((e) => promptNames(text, e.name)) } : {}) }));
    },

    addElement(element) {
      set((s) => (s.elements.some((e) => e.id === element.id) ? {} : { elements: [...s.elements, element], error: null }));
    },

    removeElement(id) {
      set((s) => {
        const gone = s.elements.find((e) => e.id === id);
        if (!gone) return {};
        let text = s.text;
        while (promptNames(text, gone.name)) text = withoutMention(text, gone.name);
        return { text, elements: s.elements.filter((e) => e.id !== id), error: null };
      });
    },

    setTier(tier) {
      set((s) => ({ ...fitRatio(tier, s.aspectRatio, null), tier, error: null }));
    },

    setAspectRatio(aspectRatio) {
      set({ aspectRatio, knobNotice: null, error: null });
    },

    mode: 'batch',
    queuedNote: null,
    setMode(mode) {
      set({ mode, error: null, queuedNote: null });
    },

    async submit() {
      const { text, tier, aspectRatio, submitting } = get();
      const mode = get().mode === 'flex' && capabilitiesNow(tier).serviceTiers.includes('flex') ? 'flex' : 'batch';
      if (submitting) return;
      const onboarding = useKeyStatus.getState();
      if (onboarding.status && !onboarding.status.hasKey) {
        onboarding.openDialog('generate');
        return;
      }
      const prompts = promptsOf(text);
      if (prompts.length === 0) {
        set({ error: 'Add at least one prompt, one per line.' });
        return;
      }
      if (prompts.length > MAX_PROMPTS) {
        set({ error: `A batch holds at most ${MAX_PROMPTS} prompts; this one has ${prompts.length}. Split it in two.` });
        return;
      }
      const chosen = get().elements;
      const tooMany = batchElementsProblem(capabilitiesNow(tier), prompts, chosen);
      if (tooMany) {
        set({ error: tooMany });
        return;
      }
      const lines = batchLines(prompts, chosen);
      const withElements = lines.some((l) => l.elements);
      set({ submitting: true, error: null, queuedNote: null });
      if (mode === 'flex') {
        await submitFlex(prompts, lines);
        return;
      }
      const res = await call('batch.submit', {
        prompts,
        ...(withElements ? { lines } : {}),
        tier,
        aspectRatio,
        imageSize: null,
        modalities: 'IMAGE',
        grounding: false,
        includeThoughts: false,
      });
      if (!res.ok) {
        set({ submitting: false, error: errorText(res) });
        if (res.code === 'no_key') useKeyStatus.getState().openDialog('generate');
        return;
      }
      jobs.getState().put(res.data);
      set({ submitting: false, text: '', elements: [] });

      /** Each line as its own Economy job; stops at the first refusal, saying how many went. */
      async function submitFlex(lines: string[], batchLinesOf: BatchLine[]): Promise<void> {
        let queued = 0;
        for (const [i, prompt] of lines.entries()) {
          const line = batchLinesOf[i]!;
          const r = await call('generate.start', { prompt, tier, aspectRatio, imageSize: null, modalities: 'IMAGE', grounding: false, includeThoughts: false, references: line.references, ...(line.elements ? { elements: line.elements } : {}), serviceTier: 'flex' });
          if (!r.ok) {
            set({ submitting: false, text: lines.slice(queued).join('\n'), error: `${queued > 0 ? `${queued} queued; then ` : ''}${errorText(r)}` });
            return;
          }
          jobs.getState().put(r.data);
          queued++;
        }
        set({ submitting: false, text: '', elements: [], queuedNote: `${queued} Economy ${queued === 1 ? 'job is' : 'jobs are'} in the queue (half price; each may take minutes).` });
      }
    },

    async cancel(id) {
      if (get().cancelling[id]) return;
      set((s) => {
        const cancelErrors = { ...s.cancelErrors };
        delete cancelErrors[id];
        return { cancelling: { ...s.cancelling, [id]: true }, cancelErrors };
      });
      const res = await call('jobs.cancel', { id });
      set((s) => {
        const cancelling = { ...s.cancelling };
        delete cancelling[id];
        return res.ok ? { cancelling } : { cancelling, cancelErrors: { ...s.cancelErrors, [id]: errorText(res) } };
      });
      if (res.ok) jobs.getState().put(res.data);
    },
  }));
}

export const useBatchStore = createBatchStore();
