// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Stars } from '../../../../renderer/src/lib/Stars';

afterEach(cleanup);

describe('<Stars>', () => {
  it('rates with a click, clears with a click on the star already set, and says which are pressed', async () => {
    const onRate = vi.fn();
    const { rerender } = render(<Stars rating={0} onRate={onRate} testIdPrefix="s" />);
    expect(screen.getByRole('group', { name: 'Rating: none' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Rate 3 stars' }));
    expect(onRate).toHaveBeenLastCalledWith(3);
    rerender(<Stars rating={3} onRate={onRate} testIdPrefix="s" />);
    expect(screen.getAllByRole('button').map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'true', 'true', 'false', 'false']);
    await userEvent.click(screen.getByRole('button', { name: 'Clear the rating (now 3 stars)' }));
    expect(onRate).toHaveBeenLastCalledWith(0);
  });
});
