// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContentCredentials } from '../../../../shared/domain';
import { ContentCredentialsFacts, credentialsLine } from '../../../../renderer/src/lib/ContentCredentials';

afterEach(cleanup);

const signed: ContentCredentials = {
  state: 'valid',
  claimGenerator: 'Google C2PA Core Generator Library',
  issuer: 'Google LLC',
  actions: ['Created by Google Generative AI', 'SynthID watermark applied'],
  digitalSourceType: 'trainedAlgorithmicMedia',
  aiGenerated: true,
  synthIdDeclared: true,
  reason: null,
};

describe('<ContentCredentialsFacts>', () => {
  it('shows the state, issuer, generator, actions and source of a manifest, and SynthID only as declared', () => {
    render(<ContentCredentialsFacts credentials={signed} declaredByProvider={false} />);
    expect(screen.getByTestId('credentials-state').textContent).toBe('Valid');
    expect(screen.getByTestId('credentials-issuer').textContent).toBe('Google LLC');
    expect(screen.getByTestId('credentials-generator').textContent).toBe('Google C2PA Core Generator Library');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Created by Google Generative AI', 'SynthID watermark applied']);
    expect(screen.getByTestId('credentials-source').textContent).toContain('AI-generated per credentials');
    const synthId = screen.getByTestId('credentials-synthid').textContent!;
    expect(synthId).toMatch(/^SynthID: declared by the provider\./);
    expect(synthId).not.toMatch(/verified|detected|confirmed/i);
  });

  it('says a tampered file is tampered, with the reason, and a file without credentials says none', () => {
    const { rerender } = render(<ContentCredentialsFacts credentials={{ ...signed, state: 'tampered', reason: 'The image’s bytes changed after it was signed.' }} declaredByProvider={false} />);
    expect(screen.getByTestId('credentials-state').getAttribute('data-state')).toBe('tampered');
    expect(screen.getByText('The image’s bytes changed after it was signed.')).toBeTruthy();
    rerender(<ContentCredentialsFacts credentials={{ ...signed, state: 'none', synthIdDeclared: false, actions: [], issuer: null }} declaredByProvider={false} />);
    expect(screen.getByTestId('credentials-state').textContent).toBe('None in this file');
    expect(screen.queryByTestId('credentials-issuer')).toBeNull();
    expect(screen.queryByTestId('credentials-synthid')).toBeNull();
  });

  it('a Gemini result without a manifest still says SynthID is declared by the provider (Google watermarks every image)', () => {
    render(<ContentCredentialsFacts credentials={null} declaredByProvider />);
    expect(screen.getByTestId('credentials-state').getAttribute('data-state')).toBe('unread');
    expect(screen.getByTestId('credentials-synthid').textContent).toMatch(/declared by the provider/);
  });

  it('writes one line for a comparison row', () => {
    expect(credentialsLine(signed)).toBe('Valid · Google LLC');
    expect(credentialsLine({ ...signed, state: 'tampered' })).toBe('Tampered · Google LLC');
    expect(credentialsLine({ ...signed, state: 'none' })).toBe('None');
    expect(credentialsLine(undefined)).toBe('Not read');
  });
});
