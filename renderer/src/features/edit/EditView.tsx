/**
 * The edit room: drop, paste or choose a photo; mark it; say what to change; send to one model
 * or compare the same edit on Flash and Pro; then before/after and "keep editing".
 */
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useHandoff } from '../../lib/handoff';
import { BeforeAfter } from './BeforeAfter';
import { EditCanvas } from './EditCanvas';
import { useEditStore } from './store';
import { TOOLS } from './tools';
import { isRegion } from './marks';
import { MAX_FEATHER } from './store';

const RATIOS = ['16:9', '4:3', '3:2', '1:1', '2:3', '9:16', '21:9'];

export function EditView() {
  const s = useEditStore(
    useShallow((st) => ({
      current: st.current,
      tool: st.tool,
      brushSize: st.brushSize,
      featherPx: st.featherPx,
      hasRegion: st.current?.marks.some(isRegion) ?? false,
      hasNotes: st.current?.marks.some((m) => !isRegion(m)) ?? false,
      notices: st.notices,
      error: st.error,
      busy: st.busy,
      job: st.job,
      result: st.result,
      cropRect: st.cropRect,
      canUndo: st.past.length > 0,
      canRedo: st.future.length > 0,
      instruction: st.instruction,
      tier: st.tier,
    })),
  );
  const a = useEditStore.getState();
  const { instruction, tier } = s;
  const [note, setNote] = useState('');
  const [ratio, setRatio] = useState('16:9');
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const pendingEdit = useHandoff((h) => h.editAssetId);

  useEffect(() => {
    const id = useHandoff.getState().take('editAssetId');
    if (id) void useEditStore.getState().openAsset(id);
  }, [pendingEdit]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target;
      if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return;
      const st = useEditStore.getState();
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) st.redo();
        else st.undo();
        return;
      }
      if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        st.redo();
        return;
      }
      if (mod || e.altKey) return;
      if (e.key === '[') st.setBrushSize(st.brushSize / 1.25);
      else if (e.key === ']') st.setBrushSize(st.brushSize * 1.25);
      else {
        const hit = TOOLS.find((x) => x.key === e.key.toUpperCase());
        if (!hit) return;
        st.setTool(hit.tool);
      }
      e.preventDefault();
    };
    const onPaste = (e: ClipboardEvent) => {
      const file = [...(e.clipboardData?.files ?? [])][0];
      if (file) void useEditStore.getState().importFile(file);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('paste', onPaste);
    };
  }, []);

  const running = s.job && (s.job.state === 'queued' || s.job.state === 'running');
  const canSend = !s.busy && !running && instruction.trim() !== '';
  return (
    <div
      className={`workspace-scroll edit-room${dragging ? ' is-dropping' : ''}${s.current && !s.result ? ' is-canvas' : ''}`}
      data-testid="edit-view"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer.files[0];
        if (file) void a.importFile(file);
      }}
    >
      <h1 className="room-title">Edit a photo</h1>
      <input ref={fileInput} type="file" accept="image/*" hidden onChange={(e) => e.target.files?.[0] && void a.importFile(e.target.files[0])} data-testid="edit-file" />
      {s.error && (
        <p className="form-error" role="alert" data-testid="edit-error">
          {s.error}
        </p>
      )}
      {s.notices.map((n) => (
        <p key={n} className="notice-line" role="status" data-testid="edit-notice">
          {n}
        </p>
      ))}
      {s.result?.keptWhole && (
        <p className="notice-line" role="status" data-testid="kept-whole-note">
          {s.result.keptWhole}
        </p>
      )}
      {s.result ? (
        <BeforeAfter
          beforeId={s.result.beforeId}
          afterId={s.result.afterId}
          modelWholeUrl={s.result.modelWholeUrl}
          {...(s.current ? { size: { width: s.current.photo.width, height: s.current.photo.height } } : {})}
        />
      ) : !s.current ? (
        <div className="drop-target" data-testid="edit-drop">
          <p>Drop a photo here, paste one, or</p>
          <button type="button" className="btn-primary" onClick={() => fileInput.current?.click()}>
            Choose a photo…
          </button>
          {s.busy && <p className="muted">Opening…</p>}
        </div>
      ) : (
        <>
          <div className="edit-toolbar" role="toolbar" aria-label="Canvas tools">
            {TOOLS.map((x) => (
              <button key={x.tool} type="button" aria-pressed={s.tool === x.tool} onClick={() => a.setTool(x.tool)} title={`${x.label} (${x.key})`} data-testid={`tool-${x.tool}`}>
                {x.label} <kbd>{x.key}</kbd>
              </button>
            ))}
            <label className="brush-size">
              <span>Size</span>
              <input type="range" min={2} max={400} value={s.brushSize} onChange={(e) => a.setBrushSize(Number(e.target.value))} aria-label="Brush size ([ and ])" data-testid="brush-size" />
              <output>{s.brushSize}px</output>
            </label>
            <label className="brush-size" title="How far past the painted region the model's pixels fade into your photo; beyond it, your photo is kept exactly.">
              <span>Feather</span>
              <input type="range" min={0} max={MAX_FEATHER} value={s.featherPx} onChange={(e) => a.setFeather(Number(e.target.value))} aria-label="Feather of the masked edit, in pixels of the photo" data-testid="feather" />
              <output data-testid="feather-value">{s.featherPx}px</output>
            </label>
            {s.tool === 'text' && <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="Note text, then click the photo" aria-label="Note text" />}
            <span className="spacer" />
            <button type="button" onClick={a.undo} disabled={!s.canUndo} title="Undo (Ctrl/Cmd+Z)" data-testid="undo">
              Undo
            </button>
            <button type="button" onClick={a.redo} disabled={!s.canRedo} title="Redo (Shift+Ctrl/Cmd+Z)" data-testid="redo">
              Redo
            </button>
            <button type="button" onClick={a.clearMarks}>
              Clear marks
            </button>
          </div>
          <div className="edit-toolbar" role="toolbar" aria-label="Geometry">
            <button type="button" disabled={s.busy} onClick={() => void a.transform({ op: 'rotate', degrees: 90 })}>
              Rotate 90°
            </button>
            <button type="button" disabled={s.busy} onClick={() => void a.transform({ op: 'flip', axis: 'horizontal' })}>
              Flip ↔
            </button>
            <button type="button" disabled={s.busy} onClick={() => void a.transform({ op: 'flip', axis: 'vertical' })}>
              Flip ↕
            </button>
            <button type="button" disabled={s.busy || !s.cropRect} onClick={() => void a.applyCrop()} data-testid="apply-crop">
              Crop to selection
            </button>
            <label className="field-inline">
              <span>Expand to</span>
              <select value={ratio} onChange={(e) => setRatio(e.target.value)} data-testid="expand-ratio">
                {RATIOS.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </select>
            </label>
            <button type="button" disabled={s.busy} onClick={() => void a.transform({ op: 'expand', ratio })} data-testid="expand">
              Expand canvas
            </button>
            <span className="muted">
              {s.current.photo.width}×{s.current.photo.height} px{s.current.placedAt ? ' · the red border will be filled' : ''}
            </span>
          </div>
          <p className="muted edit-composite-note" role="status" data-testid="composite-note">
            {s.current.placedAt
              ? 'Only the border is filled: your photo inside it is kept exactly.'
              : s.hasRegion
                ? `Only the painted region changes: Atelier keeps the model's pixels there (fading over ${s.featherPx} px) and your photo, at full size, everywhere else.`
                : s.hasNotes
                  ? "Arrows and notes have no mask, so nothing is composited: the model's whole image will be the result."
                  : 'Paint the region to change; everything outside it stays exactly as it is.'}
          </p>
          <EditCanvas noteText={note} />
          {/* A bar fixed to the bottom of the room: the instruction and Send stay in view with the tools. */}
          <form
            className="edit-send"
            data-testid="edit-send-bar"
            onSubmit={(e) => {
              e.preventDefault();
              void a.sendDraft();
            }}
          >
            <label className="field">
              <span>What should change?</span>
              {/* Ctrl/⌘+Enter here is the canvas's own entry in the app's keymap (app/keymap.ts): it sends the draft. */}
              <textarea
                rows={2}
                value={instruction}
                onChange={(e) => a.setInstruction(e.target.value)}
                placeholder="e.g. make the door red — Ctrl/⌘+Enter sends"
                data-testid="edit-instruction"
              />
            </label>
            <div className="edit-send-actions">
              <select value={tier} onChange={(e) => a.setTier(e.target.value as 'flash' | 'pro')} aria-label="Model">
                <option value="flash">Flash</option>
                <option value="pro">Pro</option>
              </select>
              <button type="submit" className="btn-primary" disabled={!canSend} data-testid="edit-send">
                Send edit
              </button>
              <button type="button" className="btn" disabled={s.busy || !instruction.trim()} onClick={() => void a.compareOnBoth(instruction)} data-testid="edit-compare">
                Compare on Flash and Pro
              </button>
              {running && (
                <span className="muted" role="status" data-testid="edit-running">
                  Editing… ({s.job!.state === 'queued' ? 'waiting in the queue' : 'Gemini is working'})
                </span>
              )}
            </div>
          </form>
        </>
      )}
    </div>
  );
}
