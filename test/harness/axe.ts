import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** WCAG 2.0–2.2 A and AA: the level the brief holds every screen to. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export type Scheme = 'light' | 'dark';

export interface AxeOptions {
  /** A CSS selector to check; the whole page when absent. */
  include?: string;
  /** Add the first line of axe's failure summary to each finding (what to change). */
  explain?: boolean;
}

/**
 * Ends every finite CSS transition and animation now, so the page shows its settled colours.
 * Buttons fade their colour over 120 ms: axe run in the same frame as a theme switch reads a
 * colour half-way between the two themes, which fails contrast one run in a few.
 * Infinite animations (spinners) are left alone; they never settle.
 */
export async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const a of document.getAnimations()) {
      if (a.effect?.getComputedTiming().endTime !== Infinity) a.finish();
    }
  });
}

/** Serious and critical violations on the page as it is now, one readable line per element. */
export async function axeViolations(page: Page, options: AxeOptions = {}): Promise<string[]> {
  await settleAnimations(page);
  const builder = new AxeBuilder({ page }).withTags(TAGS);
  if (options.include) builder.include(options.include);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => {
        const line = `${v.id}: ${n.target.join(' ')}`;
        return options.explain ? `${line} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}` : line;
      }),
    );
}

/** Switches the page to `scheme` and waits until every transition the switch started has ended. */
export async function useScheme(page: Page, scheme: Scheme | null): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await settleAnimations(page);
}

/** The violations in the light theme, then in the dark theme, each prefixed with its theme; the page is left in the system theme. */
export async function axeInBothThemes(page: Page, options: AxeOptions = {}): Promise<string[]> {
  const out: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await useScheme(page, scheme);
    out.push(...(await axeViolations(page, options)).map((line) => `${scheme}: ${line}`));
  }
  await useScheme(page, null);
  return out;
}
