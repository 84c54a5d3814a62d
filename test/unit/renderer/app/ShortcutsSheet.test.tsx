// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KEYMAP, KEY_GROUPS } from '../../../../renderer/src/app/keymap';
import { ShortcutsSheet } from '../../../../renderer/src/app/ShortcutsSheet';

afterEach(cleanup);

describe('<ShortcutsSheet>', () => {
  it('draws every keymap entry under its group, the canvas and vote keys included', () => {
    render(<ShortcutsSheet open onClose={() => {}} />);
    const sheet = screen.getByTestId('shortcuts');
    for (const g of KEY_GROUPS) expect(within(sheet).getByRole('heading', { name: g })).toBeTruthy();
    expect(within(sheet).getAllByTestId('shortcut-row')).toHaveLength(KEYMAP.length);
    const canvas = within(sheet).getByRole('region', { name: 'Edit canvas' });
    expect(within(canvas).getByText('Brush')).toBeTruthy();
    expect(within(canvas).getByText('Smaller or larger brush')).toBeTruthy();
    const compare = within(sheet).getByRole('region', { name: 'Compare' });
    expect(within(compare).getByText('Vote a tie')).toBeTruthy();
    expect(within(compare).getByText('Start the comparison')).toBeTruthy();
    // Keys are written as this platform writes them (the test machine is not a Mac).
    expect(within(sheet).getAllByText('Ctrl+Enter').length).toBeGreaterThanOrEqual(3);
    expect(within(sheet).queryByText(/Mod\+/)).toBeNull();
  });

  it('reads the same Alt+N as the keymap: nine screens, Edit and Votes among them', () => {
    render(<ShortcutsSheet open onClose={() => {}} />);
    const go = screen.getByRole('region', { name: 'Go to' });
    const rows = within(go).getAllByTestId('shortcut-row').map((r) => r.textContent);
    expect(rows).toHaveLength(9);
    expect(rows).toContain('Alt+4Edit');
    expect(rows).toContain('Alt+6Votes');
  });

  it('the list is one keyboard-scrollable group, and Close closes', async () => {
    const onClose = vi.fn();
    render(<ShortcutsSheet open onClose={onClose} />);
    const list = screen.getByRole('group', { name: 'All shortcuts' });
    expect(list.tabIndex).toBe(0);
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });
});
