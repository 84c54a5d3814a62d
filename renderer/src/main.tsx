import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Tokens, base and the shared controls first, so every feature's own CSS (imported by its
// components) comes after them and wins over them at the same specificity.
import './styles.css';
import { App } from './App';
import { connectStores } from './app/connect';
import { useTheme } from './lib/theme';

// Before the first paint, so a light-theme user never sees a dark flash.
document.documentElement.dataset.theme = useTheme.getState().theme;

const root = createRoot(document.getElementById('root')!);

if (window.atelier) {
  connectStores();
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else {
  // Opened in a plain browser, or the preload failed: say so instead of a blank window.
  root.render(
    <div className="fatal" role="alert">
      <h1>Atelier could not start</h1>
      <p>The connection to the app is missing. Open Atelier from its application icon.</p>
    </div>,
  );
}
