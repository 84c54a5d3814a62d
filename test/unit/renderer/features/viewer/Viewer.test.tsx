// @vitest-environment happy-dom
/** The viewer's keys, on the component: each key does its one thing, and nothing else hears it. */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Viewer } from '../../../../../renderer/src/features/viewer/Viewer';
import { closeViewer, openViewer, registerViewerActions, useViewer } from '../../../../../renderer/src/features/viewer/store';
import { fakeBridge, ok } from '../../support/fakeBridge';

const IDS = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'];
const detail = (id: string) => ({ id, prompt: `picture ${id.slice(-1)}`, name: null, width: 64, height: 64, mime: 'image/png', rating: 0, favorite: false, trashedAt: null, generation: null, tags: [], collections: [], createdAt: 1, bytes: 10, source: 'imported' });

let invoke: ReturnType<typeof fakeBridge>['invoke'];
beforeEach(() => {
  ({ invoke } = fakeBridge({ 'library.get': (input: unknown) => ok(detail((input as { id: string }).id)), 'library.update': ok({ updated: 1 }) }));
  // happy-dom's <dialog> has no modal layer; the viewer only needs open/close to be callable.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) { this.setAttribute('open', ''); };
});
afterEach(() => {
  cleanup();
  act(() => closeViewer());
  vi.restoreAllMocks();
});

async function open(index = 0) {
  act(() => openViewer(IDS, index));
  render(<Viewer />);
  const dialog = await screen.findByTestId('viewer');
  dialog.focus();
  return dialog;
}

describe('the viewer’s keys', () => {
  it('→ and ← move between images, Home and End go to the ends, and the count follows', async () => {
    await open(0);
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByTestId('viewer').getAttribute('aria-label')).toBe('Image 2 of 3');
    await userEvent.keyboard('{End}');
    expect(useViewer.getState().index).toBe(2);
    await userEvent.keyboard('{ArrowLeft}{Home}');
    expect(useViewer.getState().index).toBe(0);
  });

  it('a digit rates the image shown, through the one asset cache', async () => {
    await open(1);
    await userEvent.keyboard('4');
    await waitFor(() => expect(invoke).toHaveBeenCalledWith('library.update', { ids: [IDS[1]], rating: 4 }));
    expect(screen.getByTestId('viewer-status').textContent).toBe('Rated 4 of 5');
  });

  it('E hands the image to whoever registered "Mark & edit" and closes; Esc closes', async () => {
    const onEdit = vi.fn();
    const unregister = registerViewerActions({ onEdit });
    await open(2);
    await userEvent.keyboard('e');
    expect(onEdit).toHaveBeenCalledWith(IDS[2]);
    expect(useViewer.getState().assetIds).toBeNull();
    unregister();
    // The same <Viewer/> opens again (it renders nothing while closed).
    act(() => openViewer(IDS, 0));
    (await screen.findByTestId('viewer')).focus();
    await userEvent.keyboard('{Escape}');
    expect(useViewer.getState().assetIds).toBeNull();
  });

  it('keys typed on a button press the button, not a shortcut', async () => {
    await open(0);
    screen.getByTestId('viewer-next').focus();
    await userEvent.keyboard('{Enter}');
    // Enter pressed "Next" once; it was not also taken as the viewer's own Enter.
    expect(useViewer.getState().index).toBe(1);
  });
});
