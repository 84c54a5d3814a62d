import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectStores } from './app/connect';
import { useTheme } from './lib/theme';
import './styles.css';

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
