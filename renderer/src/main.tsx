import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectStores } from './lib/events';
import './styles/tokens.css';
import './styles.css';

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
