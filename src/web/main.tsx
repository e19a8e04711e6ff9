// First, so that component styles imported below come later in the cascade and win.
import './ui/tokens.css';
import './ui/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createRouter } from './app/router.tsx';
import { I18nProvider } from './i18n/i18n-provider.tsx';
import { SessionProvider } from './session/session-provider.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

const router = createRouter();

createRoot(container).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
