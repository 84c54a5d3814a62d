// @vitest-environment happy-dom
/** Editing an Element in its card: the library's selection joins its images; the last image stays, in words. */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Element } from '../../../../../shared/ipc/contract';
import { ElementEditor } from '../../../../../renderer/src/features/library/elements/ElementEditor';
import { useLibraryStore } from '../../../../../renderer/src/features/library/store';
import { fail, fakeBridge, ok } from '../../support/fakeBridge';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const anna: Element = { id: uuid(1), name: 'Anna', kind: 'person', description: '', assetIds: [uuid(10)], coverUrl: null, createdAt: 1 };

afterEach(cleanup);

describe('ElementEditor', () => {
  it('adds the images selected in the library that the Element does not have yet', async () => {
    const { invoke } = fakeBridge({ 'elements.addImages': ok({ ...anna, assetIds: [uuid(10), uuid(11)] }) });
    useLibraryStore.setState({ selection: new Set([uuid(10), uuid(11)]) });
    render(<ElementEditor element={anna} onDone={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add 1 selected' }));
    expect(invoke).toHaveBeenCalledWith('elements.addImages', { id: anna.id, assetIds: [uuid(11)] });
    await waitFor(() => expect(screen.getByTestId('element-edit-note').textContent).toBe('Added the selected image to @Anna.'));
  });

  it('shows main’s sentence when the last image is to go, and keeps it', async () => {
    const said = 'An Element keeps at least one image: add another to @Anna before removing this one, or delete the Element.';
    fakeBridge({ 'elements.removeImage': fail('bad_input', said) });
    useLibraryStore.setState({ selection: new Set() });
    render(<ElementEditor element={anna} onDone={() => {}} />);
    expect(screen.getByRole('button', { name: 'Select images in the library to add' })).toHaveProperty('disabled', true);
    await userEvent.click(screen.getByRole('button', { name: 'Remove image 1 from @Anna (it stays in the library)' }));
    await waitFor(() => expect(screen.getByTestId('element-card-error').textContent).toBe(said));
    expect(screen.getAllByTestId('element-image')).toHaveLength(1);
  });
});
