import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, assetUrl, groundingUrl, heldUrl, originOf, parseAppPath, SCREEN_EDGES, screenUrl, thoughtUrl, thumbUrl } from '../../../shared/urls';

const ID = '0b9d7a44-5f3e-4c2a-9a51-2d5c1e7f8a90';
const SHA = 'a'.repeat(64);

describe('shared/urls', () => {
  it('parses what it builds', () => {
    expect(parseAppPath(assetUrl(ID))).toEqual({ kind: 'asset', id: ID, variant: 'original' });
    expect(parseAppPath(thumbUrl(ID))).toEqual({ kind: 'asset', id: ID, variant: 'thumb' });
    expect(parseAppPath(thoughtUrl(SHA))).toEqual({ kind: 'thought', sha256: SHA });
    expect(parseAppPath(groundingUrl(ID))).toEqual({ kind: 'grounding', generationId: ID });
    expect(parseAppPath(heldUrl(SHA))).toEqual({ kind: 'held', sha256: SHA });
    expect(parseAppPath('/settings')).toEqual({ kind: 'static', pathname: '/settings' });
    for (const edge of SCREEN_EDGES) expect(parseAppPath(screenUrl(ID, edge))).toEqual({ kind: 'screen', id: ID, edge });
  });

  it.each(['/assets/../secret', `/assets/${ID}/original`, '/assets/not-a-uuid', `/thoughts/${'g'.repeat(64)}`, '/grounding/x', '/held/../x', `/held/${'a'.repeat(63)}`, `/assets/${ID}/screen/1000`, `/assets/${ID}/screen/`, `/assets/${ID}/screen/19200`, `/assets/${ID}/thumb/screen/1920`])(
    'treats %s in a library namespace as invalid',
    (p) => expect(parseAppPath(p)).toEqual({ kind: 'invalid' }),
  );

  it('gives exact origins and none for URLs with credentials', () => {
    expect(originOf('app://atelier/index.html')).toBe(APP_ORIGIN);
    expect(originOf('http://127.0.0.1:4100/x')).toBe('http://127.0.0.1:4100');
    expect(originOf('app://evil@atelier/')).toBeNull();
    expect(originOf('app://user:pw@atelier/')).toBeNull();
    expect(originOf('app://atelier.evil/')).toBe('app://atelier.evil');
    expect(originOf('not a url')).toBeNull();
    expect(originOf(undefined)).toBeNull();
  });
});
