import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * react-zoom-pan-pinch puts its CSS into a <style> element it creates at load time, which the
 * window's CSP (style-src 'self', no 'unsafe-inline') refuses with a console error, and the
 * library offers no nonce. Its CSS is moved into a real stylesheet instead: the injecting call
 * becomes an import of the same text as a CSS module of the bundle, loaded by <link>.
 */
function zoomStylesAsStylesheet(): Plugin {
  const VIRTUAL = '\0rzpp-styles.css';
  let css = '';
  return {
    name: 'atelier:rzpp-styles-as-stylesheet',
    enforce: 'pre',
    resolveId: (id) => (id === 'virtual:rzpp-styles.css' ? VIRTUAL : null),
    load: (id) => (id === VIRTUAL ? css : null),
    transform(code, id) {
      if (!/react-zoom-pan-pinch[\\/]dist[\\/]index\.esm\.js$/.test(id)) return null;
      const m = /var (css_\w+) = ("(?:[^"\\]|\\.)*");\s*var styles = [^\n]*\n\s*styleInject\(\1\);/.exec(code);
      if (!m) this.error('react-zoom-pan-pinch changed how it injects its styles: update zoomStylesAsStylesheet in vite.config.mts');
      css = JSON.parse(m[2]!) as string;
      return { code: `import 'virtual:rzpp-styles.css';\n${code.replace(`styleInject(${m[1]});`, '')}`, map: null };
    },
  };
}

// The renderer is served from app://atelier/ in Electron and from a loopback HTTP server in
// tests; both serve dist/renderer at the origin root, so absolute base '/' works for both.
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [zoomStylesAsStylesheet(), react()],
  build: {
    outDir: '../dist/renderer',
    // /assets/<id> is the library's image route; built files go elsewhere.
    assetsDir: 'static',
    emptyOutDir: true,
    sourcemap: true,
    // Electron 45 ships Chromium 142; Debian's Chromium is newer still.
    target: 'chrome130',
  },
});
