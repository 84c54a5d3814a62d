// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { InlineError } from '../../../../renderer/src/lib/InlineError';

afterEach(cleanup);

describe('<InlineError>', () => {
  it('announces the message as an alert, and draws nothing without one', () => {
    const { rerender, container } = render(<InlineError message={null} testId="e" />);
    expect(container.innerHTML).toBe('');
    rerender(<InlineError message="The key was refused." testId="e" />);
    expect(screen.getByRole('alert').textContent).toBe('The key was refused.');
    expect(screen.getByTestId('e')).toBe(screen.getByRole('alert'));
    rerender(<InlineError message="" testId="e" />);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
