/**
 * What the next generation will ask for. Everything the model cannot do is kept out of the
 * controls (the panel only offers the chosen model's ratios, sizes and switches) and checked
 * again with `checkRequest` before sending, so the UI and main refuse with the same sentence.
 */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { GenerateRequestInput, GenerationDetail, Reference, Settings } from '../../../../shared/ipc/contract';
import { referenceKey } from '../../../../shared/domain/referenceKey';
import type { AspectRatio, ImageSize, ModelTier, ReferenceKind, ResponseModalities, ThinkingLevel } from '../../../../shared/domain/vocabulary';
import { FALLBACK_MODEL_FOR_TIER, capabilitiesFor, type ModelCapabilities } from '../../../../shared/models/catalogue';
import { checkRequest } from '../../../../shared/models/checkRequest';
import { fitElements } from '../../../../shared/models/elementFit';
import type { Element } from '../../../../shared/domain/elements';
import { promptNames, useElements, withElementImages, withoutMention } from '../../lib/elements';
import { call } from '../../lib/bridge';
import { toImportFiles, type ImportFile } from '../../lib/files';
import { heldUrl, thumbUrl } from '../../../../shared/urls';
import { errorText } from '../../lib/format';
import { capabilitiesNow, catalog, fitNotice, fitToModel, useCapabilities as useModelCapabilities, type KnobChoices } from '../../lib/models';
import { useKeyStatus } from '../../lib/keyStatus';
import { useJobs } from '../../lib/jobCache';
import { fitServiceTier } from '../../lib/ServiceTierPicker';
import { recalledChoices, requestOf, type StudioChoices } from './recall';
import type { ServiceTier } from '../../../../shared/domain/serviceTiers';

/** A set of N jobs of one request, as main grouped them (a setId on each job, so it survives a restart). */
export interface StartedSet {
  setId: string;
  jobIds: string[];
  /** What was asked, for re-roll and "more like this" on the results. */
  request: GenerateRequestInput;
  createdAt: number;
}

/**
 * A reference on the tray: a library image, or a photo dropped or pasted for this request, which
 * main holds outside the library (`references.hold`) until a job that used it succeeds.
 */
export type ReferenceItem = Reference & {
  /** What the user called it (file name), for the tooltip; null for library images. */
  name: string | null;
  /** What the chip shows: the asset's thumbnail, or the held photo's preview. */
  previewUrl: string;
};

/** A candidate for the tray: a library image by id, or a held photo as main described it. */
export type ReferenceCandidate = { assetId: string; name?: string | null } | { heldSha256: string; name?: string | null; previewUrl: string };

function itemOf(c: ReferenceCandidate, kind: ReferenceKind = 'object'): ReferenceItem {
  return 'heldSha256' in c
    ? { heldSha256: c.heldSha256, kind, name: c.name ?? null, previewUrl: c.previewUrl }
    : { assetId: c.assetId, kind, name: c.name ?? null, previewUrl: thumbUrl(c.assetId) };
}

/** The reference as the request carries it: without what only the tray needs. */
export function requestReference(item: ReferenceItem): Reference {
  return 'heldSha256' in item ? { heldSha256: item.heldSha256, kind: item.kind } : { assetId: item.assetId, kind: item.kind };
}

/** An Element as the studio holds it once chosen: enough to send its images and name it. */
export type ChosenElement = Pick<Element, 'id' | 'name' | 'kind' | 'assetIds'>;

/**
 * The request's references: the tray's, then each chosen Element's images as its kind (a person
 * as person references, an object or a style as object ones); an image already on the tray is
 * sent once.
 */
export function requestReferences(s: Pick<GenerateState, 'references' | 'elements'>): Reference[] {
  return withElementImages(s.references.map(requestReference), s.elements);
}

/** Whether the chosen Elements fit beside the tray on the chosen model; the dock's sentence if not. */
export function elementsProblem(caps: ModelCapabilities, s: Pick<GenerateState, 'references' | 'elements'>): string | null {
  return fitElements(caps, s.references, s.elements)?.message ?? null;
}

/** Held photos the tray let go of: main forgets them unless a job still needs them. */
function release(items: readonly ReferenceItem[]): void {
  const sha256s = items.flatMap((r) => ('heldSha256' in r ? [r.heldSha256] : []));
  if (sha256s.length) void call('references.release', { sha256s });
}

/** Releases the held photos that were on the tray before and are not any more. */
function releaseDropped(before: readonly ReferenceItem[], after: readonly ReferenceItem[]): void {
  const kept = new Set(after.map(referenceKey));
  release(before.filter((r) => !kept.has(referenceKey(r))));
}

/** The chosen model's capabilities, for components. */
export function useCapabilities(): ModelCapabilities {
  const { tier, modelId } = useGenerateStore(useShallow((s) => ({ tier: s.tier, modelId: s.modelId })));
  return useModelCapabilities(tier, modelId);
}

/** The sentence about references alone, without the "this request has N" tail, for refusing an add. */
function referenceLimitText(caps: ModelCapabilities, refs: readonly { kind: ReferenceKind }[]): string | null {
  const problem = checkRequest(caps, { references: refs });
  return problem ? problem.replace(/;.*$/, '.') : null;
}

/** The studio's state: the request's controls (shared with recall: ./recall.ts), then the dock's own. */
interface GenerateState extends Omit<StudioChoices, 'references' | 'elements'> {
  /** From Settings: the user says their project may use Priority. */
  priorityAllowed: boolean;
  references: ReferenceItem[];
  /**
   * The Elements chosen with `@`, in the order chosen. Their images travel after the tray's as
   * references of their kind; one whose `@Name` leaves the prompt leaves the request too.
   */
  elements: ChosenElement[];
  /** Files main refused, and adds the model's limits refused: one line each. */
  referenceErrors: string[];
  importing: boolean;
  /** Once the user picks a tier or ratio, saved defaults stop overriding their choice. */
  touched: boolean;
  submitting: boolean;
  error: string | null;
  /** Variations: how many jobs one Generate makes (1–4), grouped as one set. */
  count: number;
  /** What this session asked for, newest first: the stage and the filmstrip read from it. */
  sets: StartedSet[];
  /** The set on the stage (the newest, unless the user picked another in the filmstrip). */
  currentSetId: string | null;
  /** Bumped to ask the prompt box to take focus ("Use as reference", an example prompt). */
  focusRequest: number;
  /** Generate was pressed before a key existed: it starts once a key is saved. */
  waitingForKey: boolean;
  /** What the last change of model moved among the choices, in a sentence; null once the user picks again. */
  knobNotice: string | null;

  setPrompt(prompt: string): void;
  /** An Element chosen in the `@` picker (its `@Name` is already in the prompt). */
  addElement(element: ChosenElement): void;
  removeElement(id: string): void;
  setTier(tier: ModelTier): void;
  setModel(modelId: string | null): void;
  setAspectRatio(ratio: AspectRatio | null): void;
  setImageSize(size: ImageSize | null): void;
  setModalities(modalities: ResponseModalities): void;
  setGrounding(on: boolean): void;
  setImageSearch(on: boolean): void;
  setThinkingLevel(level: ThinkingLevel | null): void;
  setIncludeThoughts(on: boolean): void;
  setServiceTier(tier: ServiceTier): void;
  setFlexFallback(on: boolean): void;
  /** Any of the model's knobs at once (what `<ModelKnobs>` reports). */
  setChoices(patch: Partial<KnobChoices>): void;
  adoptDefaults(settings: Settings): void;
  /** A new catalog (lib/models loaded it, or main sent it): the picked model and knobs are fitted to it. */
  applyModels(): void;

  /** Files dropped, chosen or pasted: held by main as this request's inputs (not library images), then added. */
  importReferences(files: readonly File[]): Promise<void>;
  /** Images already in the library (a tile dragged onto the tray, "Use as reference"). */
  addReferences(items: readonly { assetId: string; name?: string | null }[]): void;
  /** By `referenceKey`: the asset id or the held photo's hash. A held photo is released. */
  removeReference(key: string): void;
  setReferenceKind(key: string, kind: ReferenceKind): void;
  clearReferenceErrors(): void;

  /** "Recall every setting": the prompt and every knob of an earlier generation (./recall.ts). */
  reuse(gen: GenerationDetail): void;
  /** A saved prompt's or a generation's whole request, into every control (./recall.ts). */
  recall(choices: StudioChoices): void;
  submit(): Promise<void>;

  setCount(count: number): void;
  showSet(setId: string): void;
  requestFocus(): void;
  /** An example prompt from the empty stage: fills the box and focuses it. */
  takeExample(prompt: string): void;
  /**
   * "Use as reference": the image joins the references, first, and nothing else changes (the
   * typed prompt stays). False when nothing changed: it was there already, or the model's limit
   * refused it (said in `referenceErrors`).
   */
  takeAsReference(assetId: string): boolean;
  /** Re-roll: the same request again, as a set of one. */
  reroll(request: GenerateRequestInput): Promise<void>;
  /** More like this: the same prompt with the result as the first reference, as a set of `count`. */
  moreLike(request: GenerateRequestInput, assetId: string): Promise<void>;
  /** A key was saved: a Generate pressed while there was none starts now. */
  keySaved(): void;
}

type Knobs = Pick<GenerateState, 'tier' | 'modelId' | 'aspectRatio' | 'imageSize' | 'grounding' | 'imageSearch' | 'thinkingLevel' | 'includeThoughts' | 'knobNotice' | 'serviceTier' | 'priorityAllowed'>;

/** Brings the knobs in line with the model they now point at (shared policy), noting what moved. */
function fitted<T extends Knobs>(s: T): T {
  const caps = capabilitiesNow(s.tier, s.modelId);
  const { aspectRatio, imageSize, grounding, imageSearch, thinkingLevel, includeThoughts } = s;
  const fit = fitToModel({ aspectRatio, imageSize: imageSize ?? caps.defaultImageSize, grounding, imageSearch, thinkingLevel, includeThoughts }, caps);
  // A tier the model lacks (Economy on Lite) falls back to Standard, never to a dearer one.
  return { ...s, ...fit.choices, serviceTier: fitServiceTier(s.serviceTier, caps, s.priorityAllowed), knobNotice: fitNotice(caps, fit.changes) ?? s.knobNotice };
}

/** Adds images as Object references, refusing (with the model's sentence) what would break its limits. */
export function withReferences(
  s: Pick<GenerateState, 'tier' | 'modelId' | 'references'>,
  items: readonly ReferenceCandidate[],
): { references: ReferenceItem[]; refused: string[] } {
  const caps = capabilitiesNow(s.tier, s.modelId);
  const references = s.references.slice();
  const refused: string[] = [];
  for (const item of items) {
    const next = itemOf(item);
    if (references.some((r) => referenceKey(r) === referenceKey(next))) continue;
    const problem = referenceLimitText(caps, [...references, next]);
    if (problem) {
      if (!refused.includes(problem)) refused.push(problem);
      continue;
    }
    references.push(next);
  }
  return { references, refused };
}

/** The studio's request being written and the sets it made; made by a factory so each test builds a fresh one. */
export function createGenerateStore() {
  return create<GenerateState>()((set, get) => ({
    prompt: '',
    tier: 'flash',
    modelId: null,
    aspectRatio: '1:1',
    imageSize: capabilitiesFor(FALLBACK_MODEL_FOR_TIER.flash).defaultImageSize,
    modalities: 'TEXT_IMAGE',
    grounding: false,
    imageSearch: false,
    thinkingLevel: null,
    includeThoughts: false,
    serviceTier: 'standard',
    flexFallback: false,
    priorityAllowed: false,
    references: [],
    elements: [],
    referenceErrors: [],
    importing: false,
    touched: false,
    submitting: false,
    error: null,
    count: 1,
    sets: [],
    currentSetId: null,
    focusRequest: 0,
    waitingForKey: false,
    knobNotice: null,

    setPrompt(prompt) {
      set((s) => {
        const elements = s.elements.filter((e) => promptNames(prompt, e.name));
        return { prompt, error: null, ...(elements.length !== s.elements.length ? { elements } : {}) };
      });
    },

    addElement(element) {
      set((s) => (s.elements.some((e) => e.id === element.id) ? {} : { elements: [...s.elements, element], error: null }));
    },

    removeElement(id) {
      set((s) => {
        const gone = s.elements.find((e) => e.id === id);
        if (!gone) return {};
        const prompt = withoutMention(s.prompt, gone.name);
        return { elements: s.elements.filter((e) => e.id !== id), prompt, error: null };
      });
    },

    setTier(tier) {
      set((s) => {
        // A model picked from the other tier does not follow the tier switch.
        const keep = s.modelId !== null && catalog()?.models.find((m) => m.id === s.modelId)?.tier === tier;
        return fitted({ ...s, tier, modelId: keep ? s.modelId : null, touched: true, error: null, knobNotice: null });
      });
    },

    setModel(modelId) {
      set((s) => {
        const tier = (modelId && catalog()?.models.find((m) => m.id === modelId)?.tier) || s.tier;
        return fitted({ ...s, tier, modelId, touched: true, error: null, knobNotice: null });
      });
    },

    setAspectRatio(aspectRatio) {
      set({ aspectRatio, touched: true, error: null });
    },

    setImageSize(imageSize) {
      set({ imageSize, error: null });
    },

    setModalities(modalities) {
      set({ modalities, error: null });
    },

    setGrounding(grounding) {
      set((s) => ({ grounding, imageSearch: grounding && s.imageSearch, error: null }));
    },

    setImageSearch(imageSearch) {
      set((s) => ({ imageSearch, grounding: s.grounding || imageSearch, error: null }));
    },

    setThinkingLevel(thinkingLevel) {
      set({ thinkingLevel, error: null });
    },

    setServiceTier(serviceTier) {
      set((s) => ({ serviceTier: fitServiceTier(serviceTier, capabilitiesNow(s.tier, s.modelId), s.priorityAllowed), error: null }));
    },

    setFlexFallback(flexFallback) {
      set({ flexFallback, error: null });
    },

    setIncludeThoughts(includeThoughts) {
      set({ includeThoughts, error: null });
    },

    setChoices(patch) {
      // Once the user picks a ratio, saved defaults stop overriding it.
      set({ ...patch, ...('aspectRatio' in patch ? { touched: true } : {}), knobNotice: null, error: null });
    },

    adoptDefaults(settings) {
      // Whether Priority may be offered follows Settings at once, whatever the user picked here.
      set((s) => fitted({ ...s, priorityAllowed: settings.priorityAllowed }));
      if (get().touched) return;
      set((s) => fitted({ ...s, tier: settings.defaultTier, modelId: null, aspectRatio: settings.defaultAspectRatio }));
    },

    applyModels() {
      const models = catalog();
      if (!models) return;
      set((s) => {
        // A picked model that left the list falls back to the tier's default; a gone one stays
        // picked, so its banner can offer the successor.
        const known = (m: { id: string }) => m.id === s.modelId;
        const modelId = s.modelId && (models.models.some(known) || models.gone.some(known)) ? s.modelId : null;
        return fitted({ ...s, modelId });
      });
    },

    async importReferences(files) {
      if (files.length === 0 || get().importing) return;
      const s = get();
      const caps = capabilitiesNow(s.tier, s.modelId);
      const room = Math.max(0, caps.maxReferenceImages - s.references.length);
      const errors: string[] = [];
      if (files.length > room) {
        // Refused before anything is sent: nothing is held for images that cannot be used.
        const wouldBe = [...s.references, ...files.map(() => ({ kind: 'object' as const }))];
        const skipped = files.length - room;
        errors.push(`${referenceLimitText(caps, wouldBe)} ${skipped === 1 ? '1 image was' : `${skipped} images were`} not added.`);
      }
      const taken = files.slice(0, room);
      set({ referenceErrors: errors, importing: taken.length > 0 });
      if (taken.length === 0) return;

      let payload: ImportFile[];
      try {
        payload = await toImportFiles(taken);
      } catch (err) {
        set({ importing: false, referenceErrors: [...errors, err instanceof Error ? err.message : String(err)] });
        return;
      }
      // Held, not imported: the library only gains these once a job that used them succeeds.
      const res = await call('references.hold', { files: payload });
      if (!res.ok) {
        set({ importing: false, referenceErrors: [...errors, errorText(res)] });
        return;
      }
      const items: ReferenceCandidate[] = [];
      const refusedFiles: string[] = [];
      for (const o of res.data.outcomes) {
        if ('held' in o) items.push({ heldSha256: o.held.sha256, name: o.name, previewUrl: o.held.previewUrl });
        else refusedFiles.push(`${o.name}: ${o.error}`);
      }
      const before = get().references;
      const after = withReferences(get(), items);
      // What the limits turned away is let go at once, so nothing stays behind for it.
      const kept = new Set(after.references.map(referenceKey));
      release(items.filter((c) => 'heldSha256' in c && !kept.has(c.heldSha256) && !before.some((r) => referenceKey(r) === c.heldSha256)).map((c) => itemOf(c)));
      set({
        importing: false,
        references: after.references,
        referenceErrors: [...errors, ...refusedFiles, ...after.refused],
        error: null,
      });
    },

    addReferences(items) {
      const after = withReferences(get(), items);
      set({ references: after.references, referenceErrors: after.refused, error: null });
    },

    removeReference(key) {
      release(get().references.filter((r) => referenceKey(r) === key));
      set((s) => ({ references: s.references.filter((r) => referenceKey(r) !== key), referenceErrors: [], error: null }));
    },

    setReferenceKind(key, kind) {
      const s = get();
      const caps = capabilitiesNow(s.tier, s.modelId);
      const refs = s.references.map((r) => (referenceKey(r) === key ? { ...r, kind } : r));
      const problem = referenceLimitText(caps, refs);
      // Refuse only a change that makes things worse; with a model switch the list may already be over.
      if (problem && !referenceLimitText(caps, s.references)) {
        set({ referenceErrors: [problem] });
        return;
      }
      set({ references: refs, referenceErrors: [], error: null });
    },

    clearReferenceErrors() {
      set({ referenceErrors: [] });
    },

    reuse(gen) {
      get().recall(recalledChoices(gen, catalog()));
    },

    recall(recalled) {
      const before = get().references;
      // The result's Elements come back as Elements while they are still in the library; their
      // images then travel through them, not the tray. A deleted one's images stay on the tray.
      const live = useElements.getState().elements;
      const elements: ChosenElement[] = recalled.elements.flatMap((e) => {
        const found = live.find((l) => l.id === e.id);
        return found ? [{ id: found.id, name: found.name, kind: found.kind, assetIds: found.assetIds }] : [];
      });
      const viaElements = new Set(elements.flatMap((e) => e.assetIds));
      set((s) => {
        const { references, elements: _named, ...choices } = recalled;
        return fitted({
          ...s,
          ...choices,
          references: references
            .filter((r) => !('assetId' in r && viaElements.has(r.assetId)))
            .map((r) => itemOf('heldSha256' in r ? { ...r, previewUrl: heldUrl(r.heldSha256) } : r, r.kind)),
          elements,
          referenceErrors: [],
          touched: true,
          error: null,
          focusRequest: s.focusRequest + 1,
        });
      });
      releaseDropped(before, get().references);
    },

    async submit() {
      const s = get();
      if (s.submitting) return;
      const onboarding = useKeyStatus.getState();
      if (s.prompt.trim() === '') {
        set({ error: 'Write a prompt first.' });
        return;
      }
      if (onboarding.status && !onboarding.status.hasKey) {
        set({ error: null, waitingForKey: true });
        onboarding.openDialog('generate');
        return;
      }
      const request = requestOf({ ...s, references: requestReferences(s) });
      const caps = capabilitiesNow(s.tier, s.modelId);
      const problem = fitElements(caps, s.references, s.elements)?.message ?? checkRequest(caps, request);
      if (problem) {
        set({ error: problem });
        return;
      }
      await send(request, s.count);
    },

    setCount(count) {
      set({ count: Math.min(4, Math.max(1, Math.round(count))) });
    },

    showSet(setId) {
      if (get().sets.some((x) => x.setId === setId)) set({ currentSetId: setId });
    },

    requestFocus() {
      set((s) => ({ focusRequest: s.focusRequest + 1 }));
    },

    takeExample(prompt) {
      set((s) => ({ prompt, error: null, focusRequest: s.focusRequest + 1 }));
    },

    takeAsReference(assetId) {
      const s = get();
      if (s.references.some((r) => referenceKey(r) === assetId)) return false;
      const after = withReferences(s, [{ assetId }]);
      const added = after.references.find((r) => referenceKey(r) === assetId);
      if (!added) {
        set({ referenceErrors: after.refused });
        return false;
      }
      // First: the image someone picks from a result is the one their prompt is about.
      set({ references: [added, ...s.references], referenceErrors: [], error: null });
      return true;
    },

    async reroll(request) {
      await send(request, 1);
    },

    async moreLike(request, assetId) {
      const references: Reference[] = [{ assetId, kind: 'object' }, ...(request.references ?? []).filter((r) => referenceKey(r) !== assetId)];
      const caps = capabilitiesNow(request.tier, request.modelId);
      await send({ ...request, references: references.slice(0, Math.max(1, caps.maxReferenceImages)) }, get().count);
    },

    keySaved() {
      if (!get().waitingForKey) return;
      set({ waitingForKey: false });
      void get().submit();
    },
  }));
}

export const useGenerateStore = createGenerateStore();

/** Sends a request as a set and puts the set on the stage; refusals become the panel's error. */
async function send(request: GenerateRequestInput, count: number): Promise<void> {
  const { setState } = useGenerateStore;
  setState({ submitting: true, error: null });
  const res = await call('generate.startSet', { ...request, count: Math.min(4, Math.max(1, Math.round(count))) });
  if (!res.ok) {
    setState({ submitting: false, error: errorText(res) });
    if (res.code === 'no_key') {
      setState({ waitingForKey: true });
      useKeyStatus.getState().openDialog('generate');
    }
    return;
  }
  for (const job of res.data.jobs) useJobs.getState().put(job);
  setState((s) => ({
    submitting: false,
    sets: [{ setId: res.data.setId, jobIds: res.data.jobs.map((j) => j.id), request, createdAt: Date.now() }, ...s.sets],
    currentSetId: res.data.setId,
  }));
}

