import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from app://atelier/ in Electron and from a loopback HTTP server in
// tests; both serve dist/renderer at the origin root, so absolute base '/' works for both.
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
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
