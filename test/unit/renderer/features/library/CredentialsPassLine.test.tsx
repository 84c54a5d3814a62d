// @vitest-environment happy-dom
/** The library's line for the background reading of older images' content credentials (issue 17 §2). */
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackgroundProgress } from '../../../../../shared/domain';
import { CredentialsPassLine } from '../../../../../renderer/src/features/library/CredentialsPassLine';
import { useCredentialsPass } from '../../../../../renderer/src/features/library/credentialsPass';
import { fakeBridge, ok } from '../../support/fakeBridge';

const at = (done: number, state: BackgroundProgress['state']): BackgroundProgress => ({ done, total: 1200, state });

beforeEach(() => useCredentialsPass.setState({ progress: null }));
afterEach(cleanup);

describe('<CredentialsPassLine>', () => {
  it('asks main how far the pass is, shows it while it runs, pauses and resumes it, and goes when it is done', async () => {
    const bridge = fakeBridge({
      'library.credentialsPass': (input: unknown) => {
        const { action } = input as { action: string };
        return ok(at(300, action === 'pause' ? 'paused' : 'running'));
      },
    });
    render(<CredentialsPassLine />);
    const line = await screen.findByTestId('credentials-pass');
    expect(bridge.invoke).toHaveBeenCalledWith('library.credentialsPass', { action: 'status' });
    expect(line.textContent).toContain('Reading the content credentials of older images: 300 of 1,200 images.');
    expect(screen.getByRole('progressbar', { name: 'Content credentials progress' })).toBeTruthy();

    await userEvent.click(screen.getByTestId('credentials-pass-toggle'));
    expect(bridge.invoke).toHaveBeenCalledWith('library.credentialsPass', { action: 'pause' });
    expect(screen.getByTestId('credentials-pass').textContent).toMatch(/^Paused: /);
    await userEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect(bridge.invoke).toHaveBeenCalledWith('library.credentialsPass', { action: 'resume' });

    act(() => useCredentialsPass.getState().apply({ done: 1200, total: 1200, state: 'idle' }));
    expect(screen.queryByTestId('credentials-pass')).toBeNull();
  });

  it('shows nothing for a pass that is idle with images it could not read', async () => {
    fakeBridge({ 'library.credentialsPass': ok(at(1190, 'idle')) });
    render(<CredentialsPassLine />);
    await act(async () => {
      await useCredentialsPass.getState().load();
    });
    expect(useCredentialsPass.getState().progress?.done).toBe(1190);
    expect(screen.queryByTestId('credentials-pass')).toBeNull();
  });
});
