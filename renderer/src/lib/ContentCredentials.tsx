/**
 * "Content credentials": what an image's C2PA manifest says about how it was made, and whether it
 * still holds (read by main from the file's own bytes). Drawn inside the facts sheet wherever an
 * image's facts are shown (library detail, viewer), and as one line in a comparison.
 *
 * SynthID is only ever reported as declared: Google says its image models watermark every image,
 * but there is no public API to detect the watermark, so Atelier cannot verify it and never says so.
 */
import type { ContentCredentials, CredentialState } from '../../../shared/domain';
import './credentials.css';

export const CREDENTIAL_STATE_LABELS: Record<CredentialState, string> = {
  valid: 'Valid',
  untrusted: 'Intact, signer not on Atelier’s trust list',
  tampered: 'Tampered — the file no longer matches its credentials',
  none: 'None in this file',
};

/** One line for a comparison row. */
export function credentialsLine(c: ContentCredentials | null | undefined): string {
  if (!c) return 'Not read';
  if (c.state === 'none') return 'None';
  return [CREDENTIAL_STATE_LABELS[c.state].split(' — ')[0], c.issuer].filter(Boolean).join(' · ');
}

/** `declaredByProvider`: the image came from a Google image model, which declares SynthID on every image. */
export function ContentCredentialsFacts({ credentials: c, declaredByProvider }: { credentials: ContentCredentials | null | undefined; declaredByProvider: boolean }) {
  const synthId = declaredByProvider || c?.synthIdDeclared === true;
  return (
    <section className="credentials" data-testid="credentials" aria-label="Content credentials">
      {!c ? (
        <p className="muted" data-testid="credentials-state" data-state="unread">
          Not read yet.
        </p>
      ) : (
        <>
          <p className={`credentials-state is-${c.state}`} data-testid="credentials-state" data-state={c.state}>
            {CREDENTIAL_STATE_LABELS[c.state]}
          </p>
          {c.state !== 'none' && (
            <dl className="param-grid">
              <div className="contents">
                <dt>Issuer</dt>
                <dd data-testid="credentials-issuer">{c.issuer ?? '—'}</dd>
              </div>
              <div className="contents">
                <dt>Made with</dt>
                <dd data-testid="credentials-generator">{c.claimGenerator ?? '—'}</dd>
              </div>
              {c.actions.length > 0 && (
                <div className="contents">
                  <dt>Actions</dt>
                  <dd data-testid="credentials-actions">
                    <ul className="credentials-actions">
                      {c.actions.map((a, i) => (
                        <li key={`${a}-${i}`}>{a}</li>
                      ))}
                    </ul>
                  </dd>
                </div>
              )}
              <div className="contents">
                <dt>Source</dt>
                <dd data-testid="credentials-source">
                  {c.digitalSourceType ?? '—'}
                  {c.aiGenerated && <span className="pill credentials-ai">AI-generated per credentials</span>}
                </dd>
              </div>
            </dl>
          )}
          {c.reason && c.state === 'tampered' && <p className="muted">{c.reason}</p>}
        </>
      )}
      {synthId && (
        <p className="credentials-synthid" data-testid="credentials-synthid">
          SynthID: declared by the provider. <span className="muted">Atelier cannot check this watermark.</span>
        </p>
      )}
    </section>
  );
}
