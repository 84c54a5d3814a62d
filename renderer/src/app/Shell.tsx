import { Suspense, useEffect, useState, type ComponentType } from 'react';
import { PROMPT_ID } from '../features/generate/GeneratePanel';
import { useGenerateStore } from '../features/generate/store';
import { OnboardingDialog } from '../features/onboarding/OnboardingDialog';
import { QueueHoldBanner } from '../features/queue/QueueHoldBanner';
import { useKeyStatus } from '../lib/keyStatus';
import { KeyIcon, KeyboardIcon, ThemeIcon } from '../lib/icons';
import { useNavigation } from '../lib/navigation';
import { Notices } from '../lib/notices';
import { UpdatePrompt } from '../features/updates/UpdatePrompt';
import { THEME_CHOICES, THEME_LABELS, useTheme } from '../lib/theme';
import { isViewerOpen, useViewer } from '../features/viewer/store';
import { carryStudioPromptToCompare } from './carryPrompt';
import { entryFor, goToKeys } from './keymap';
import { isMac } from './platform';
import { ROUTES } from './routes';
import { ShortcutsSheet } from './ShortcutsSheet';
import { registerDefaultViewerActions } from './viewerActions';
import { useStudio } from './studio/studioStore';

/** One button that steps through system → light → dark; it says what it is set to now. */
function ThemeButton() {
  const theme = useTheme((s) => s.theme);
  const setTheme = useTheme((s) => s.setTheme);
  const next = THEME_CHOICES[(THEME_CHOICES.indexOf(theme) + 1) % THEME_CHOICES.length]!;
  return (
    <button
      type="button"
      className="nav-item"
      data-testid="theme-toggle"
      data-theme-choice={theme}
      aria-label={`Theme: ${THEME_LABELS[theme]}. Switch to ${THEME_LABELS[next]}`}
      title={`Theme: ${THEME_LABELS[theme]}`}
      onClick={() => setTheme(next)}
    >
      <ThemeIcon />
      <span className="nav-label">{THEME_LABELS[theme]}</span>
    </button>
  );
}

function Sidebar() {
  const view = useNavigation((s) => s.view);
  const navigate = useNavigation((s) => s.navigate);
  const hasKey = useKeyStatus((s) => s.status?.hasKey);
  const openDialog = useKeyStatus((s) => s.openDialog);
  const openShortcuts = useStudio((s) => s.setShortcutsOpen);
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Atelier</span>
      </div>
      <ul className="nav-list">
        {ROUTES.map(({ id, label, icon: Icon }) => (
          <li key={id}>
            <button
              type="button"
              className="nav-item"
              data-testid={`nav-${id}`}
              aria-current={view === id ? 'page' : undefined}
              aria-label={label}
              title={`${label} (${goToKeys(id, isMac)})`}
              onClick={() => navigate(id)}
            >
              <Icon />
              <span className="nav-label">{label}</span>
            </button>
          </li>
        ))}
      </ul>
      <span className="spacer" />
      {hasKey === false && (
        <button type="button" className="sidebar-key" aria-label="No API key: connect to generate" onClick={() => openDialog('startup')}>
          <KeyIcon />
          <span className="nav-label">
            <strong>No API key</strong>
            <span className="muted">Connect to generate</span>
          </span>
        </button>
      )}
      <button type="button" className="nav-item" data-testid="shortcuts-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => openShortcuts(true)}>
        <KeyboardIcon />
        <span className="nav-label">Shortcuts</span>
      </button>
      <ThemeButton />
    </nav>
  );
}

function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

/**
 * The keymap's keys, for the screen that is showing. A modal (a dialog, the viewer) owns the
 * keyboard while it is open, and a key a component handled itself (defaultPrevented) is done.
 */
function useShortcuts() {
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.isComposing) return;
      if (document.querySelector('dialog[open]') || isViewerOpen()) return;
      const active = document.activeElement;
      const entry = entryFor(
        {
          key: e.altKey && e.code.startsWith('Digit') ? e.code.slice(5) : e.key,
          ctrlKey: e.ctrlKey,
          metaKey: e.metaKey,
          altKey: e.altKey,
          shiftKey: e.shiftKey,
          inText: isTextField(active),
          inPrompt: active?.id === PROMPT_ID,
        },
        useNavigation.getState().view,
        isMac,
      );
      if (!entry?.run) return;
      e.preventDefault();
      entry.run();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/**
 * When the key dialog closes (onboarding, or "No API key" from the sidebar) focus would fall to
 * <body>: the dialog goes with the component. On the studio the prompt is where typing belongs.
 */
function usePromptFocusAfterKeyDialog() {
  useEffect(
    () =>
      useKeyStatus.subscribe((s, before) => {
        if (!before.dialogOpen || s.dialogOpen) return;
        // After React has removed the dialog and the browser has put focus where it puts it.
        requestAnimationFrame(() => {
          const active = document.activeElement;
          const lost = !active || active === document.body || !active.isConnected;
          if (lost && useNavigation.getState().view === 'studio') useGenerateStore.getState().requestFocus();
        });
      }),
    [],
  );
}

/**
 * The viewer (with its zoom library) is its own chunk: loaded once the first screen is up, when
 * the window is idle, so it is there before anyone presses Space, yet costs the start nothing.
 * The picture itself starts loading from `openViewer`, whichever comes first. Not React.lazy: a
 * Suspense boundary that has shown its fallback reveals its content up to 300 ms late.
 */
const loadViewer = () => import('../features/viewer/Viewer').then((m) => m.Viewer);

function LazyViewer() {
  const open = useViewer((s) => s.assetIds !== null);
  const [ViewerNow, setViewerNow] = useState<ComponentType | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void loadViewer().then((v) => {
        if (live) setViewerNow(() => v);
      });
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
    idle(load);
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    // Opened before the window was ever idle: load it now (the import is shared).
    if (open && !ViewerNow) void loadViewer().then((v) => setViewerNow(() => v));
  }, [open, ViewerNow]);
  return open && ViewerNow ? <ViewerNow /> : null;
}

export function Shell() {
  const view = useNavigation((s) => s.view);
  const shortcutsOpen = useStudio((s) => s.shortcutsOpen);
  const setShortcutsOpen = useStudio((s) => s.setShortcutsOpen);
  useShortcuts();
  usePromptFocusAfterKeyDialog();
  useEffect(() => registerDefaultViewerActions(), []);
  useEffect(() => carryStudioPromptToCompare(), []);
  const { view: View } = ROUTES.find((r) => r.id === view) ?? ROUTES[0]!;
  return (
    <div className="app">
      {/* First in the document, so the first Tab reaches its actions; its place in the grid is in queueHold.css. */}
      <QueueHoldBanner />
      <Sidebar />
      <main className="workspace" data-view={view} tabIndex={-1}>
        <Suspense fallback={null}>
          <View />
        </Suspense>
      </main>
      <LazyViewer />
      <OnboardingDialog />
      <ShortcutsSheet open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      <Notices />
      <UpdatePrompt />
    </div>
  );
}
