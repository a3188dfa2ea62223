import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { ErrorBoundary } from './app/error-boundary';
import { LibraryGate } from './features/recovery/components/library-gate';
import { startLocale } from './i18n/language-choice';
import './app/styles.css';

const root = document.getElementById('root');
// eslint-disable-next-line no-restricted-syntax -- never shown: index.html always has #root
if (!root) throw new Error('The page has no #root element.');

// The interface language is settled first, so the first paint is already in it. The gate looks
// at the library before the app (or anything it starts) opens it.
void startLocale()
  .catch(() => undefined)
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <ErrorBoundary>
          <LibraryGate>
            <App />
          </LibraryGate>
        </ErrorBoundary>
      </StrictMode>,
    ),
  );
