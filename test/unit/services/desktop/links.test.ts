import { describe, expect, it } from 'vitest';
import { openLink } from '../../../../electron/services/desktop/links';
import { BILLING_URL } from '../../../../shared/urls';

function deps(answer: boolean, cited: string[] = []) {
  const opened: string[] = [];
  const asked: string[] = [];
  return {
    opened,
    asked,
    d: {
      isCitedSource: (u: string) => cited.includes(u),
      confirm: async (r: { detail: string }) => (asked.push(r.detail), answer),
      open: async (u: string) => void opened.push(u),
    },
  };
}

describe('opening links from the window', () => {
  it.each(['https://aistudio.google.com/apikey', 'https://ai.google.dev/gemini-api/docs', 'https://www.google.com/search?q=cats'])(
    'opens %s at once',
    async (url) => {
      const t = deps(false);
      expect(await openLink(url, t.d)).toBe(true);
      expect(t.opened).toEqual([url]);
      expect(t.asked).toEqual([]);
    },
  );

  it('opens the billing page of the queue’s “credit used up” banner at once, but not other ai.studio pages', async () => {
    const t = deps(false);
    expect(await openLink(BILLING_URL, t.d)).toBe(true);
    expect(t.asked).toEqual([]);
    expect(await openLink('https://ai.studio/elsewhere', t.d)).toBe(false);
    expect(t.asked).toEqual(['https://ai.studio/elsewhere']);
  });

  it('opens a source Gemini cited for the generation without asking', async () => {
    const t = deps(false, ['https://news.example/story']);
    expect(await openLink('https://news.example/story', t.d)).toBe(true);
    expect(t.asked).toEqual([]);
  });

  it('shows any other address in full and opens it only on yes', async () => {
    const declined = deps(false);
    expect(await openLink('https://phish.example/login?next=x', declined.d)).toBe(false);
    expect(declined.asked).toEqual(['https://phish.example/login?next=x']);
    expect(declined.opened).toEqual([]);
    const accepted = deps(true);
    expect(await openLink('https://phish.example/login', accepted.d)).toBe(true);
    expect(accepted.opened).toEqual(['https://phish.example/login']);
  });

  it.each([
    ['credentials', 'https://user:pw@aistudio.google.com/', /user name or password/],
    ['plain http', 'http://aistudio.google.com/', /Only https/],
    ["Google's open redirector", 'https://www.google.com/url?q=https://evil.example', null],
  ])('does not trust %s', async (_what, url, refusal) => {
    const t = deps(false);
    if (refusal) await expect(openLink(url, t.d)).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(refusal) });
    else expect(await openLink(url, t.d)).toBe(false);
    expect(t.opened).toEqual([]);
  });
});
