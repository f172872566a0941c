import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startI18n, useLocale } from './lib/i18n';
import { setSessionExpiredHandler } from './lib/session';
import { forgetUserData, queryClient } from './lib/trpc';
import { router } from './router';
import './styles.css';

setSessionExpiredHandler(() => {
  const { href, pathname } = router.state.location;
  if (pathname === '/login') return;
  void router.navigate({ to: '/login', search: { redirect: href } }).then(forgetUserData);
});

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');

/** Drawn again from the top when the language changes, so every date and number follows it. */
function App() {
  const locale = useLocale();
  return <RouterProvider key={locale} router={router} />;
}

// The language's strings are loaded before the first render: no page flashes in English.
void startI18n().then(() =>
  createRoot(rootElement).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  ),
);
