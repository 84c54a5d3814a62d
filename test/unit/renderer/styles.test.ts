/**
 * Where the renderer's CSS lives. styles.css holds tokens, base, the app's layout and the controls
 * several rooms share; a rule for one feature lives in that feature's own CSS beside its components,
 * so a feature's look is read, changed and deleted in one place. And styles.css loads first, so a
 * feature's rule wins over a shared one of the same specificity by coming later.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../renderer/src');

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p, ext) : ext.test(e.name) ? [p] : [];
  });
}

/** The room a source file belongs to: `features/<name>`, `lib` or `app` (the shell and main.tsx). */
function roomOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep).join('/');
  return /^features\/[^/]+/.exec(rel)?.[0] ?? (rel.startsWith('lib/') ? 'lib' : 'app');
}

const sources = files(SRC, /\.tsx?$/).map((f) => ({ room: roomOf(f), text: readFileSync(f, 'utf8') }));

/** Rooms whose code writes the class name (or builds it, as `prefix-${…}`). */
function roomsUsing(cls: string): Set<string> {
  const word = new RegExp(`(?<![\\w-])${cls.replace(/-/g, '\\-')}(?![\\w-])`);
  const dash = cls.lastIndexOf('-');
  const built = dash > 0 ? `${cls.slice(0, dash + 1)}\${` : null;
  return new Set(sources.filter((s) => word.test(s.text) || (built !== null && s.text.includes(built))).map((s) => s.room));
}

/** Every rule's selector in a stylesheet (inside @media and @container too), comments removed. */
function selectors(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...text.matchAll(/([^{};]+)\{/g)].map((m) => m[1]!.trim()).filter((s) => !s.startsWith('@'));
}

/** The classes a selector names; state modifiers (`is-on`, `is-running`) are variants, not owners. */
function classesOf(selector: string): string[] {
  return [...new Set([...selector.matchAll(/\.([A-Za-z_][\w-]*)/g)].map((m) => m[1]!))].filter((c) => !c.startsWith('is-'));
}

const read = (rel: string) => readFileSync(path.join(SRC, rel), 'utf8');

describe('renderer CSS: shared in styles.css, each feature in its own file', () => {
  it('styles.css styles no class that only one feature uses (that rule belongs in the feature\'s CSS)', () => {
    const misplaced = selectors(read('styles.css')).flatMap((sel) =>
      classesOf(sel).flatMap((cls) => {
        const rooms = [...roomsUsing(cls)];
        return rooms.length === 1 && rooms[0]!.startsWith('features/') ? [`${sel} → ${rooms[0]}`] : [];
      }),
    );
    expect(misplaced).toEqual([]);
  });

  it("each feature's CSS styles classes that feature (or a lib component it renders) writes", () => {
    const featureCss = files(path.join(SRC, 'features'), /\.css$/);
    expect(featureCss.length).toBeGreaterThan(8);
    const strays = featureCss.flatMap((file) => {
      const room = roomOf(file);
      const classes = new Set(selectors(readFileSync(file, 'utf8')).flatMap(classesOf));
      return [...classes]
        .filter((cls) => {
          const rooms = roomsUsing(cls);
          return !rooms.has(room) && !rooms.has('lib');
        })
        .map((cls) => `${path.relative(SRC, file)}: .${cls}`);
    });
    expect(strays).toEqual([]);
  });

  it('main.tsx imports styles.css before any component, so feature CSS comes later in the cascade', () => {
    const imports = [...read('main.tsx').matchAll(/^import\s+(?:[^'"]*from\s+)?'([^']+)'/gm)].map((m) => m[1]!);
    const styles = imports.indexOf('./styles.css');
    expect(styles).toBeGreaterThanOrEqual(0);
    const firstLocal = imports.findIndex((p) => p.startsWith('./') && p !== './styles.css');
    expect(styles).toBeLessThan(firstLocal);
  });
});
