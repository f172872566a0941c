import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Outlet, redirect } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyUserLocale } from '../lib/i18n';
import { getSession } from '../lib/session';
import { trpc } from '../lib/trpc';
import { AppHeader } from './_authed/-components/app-header';
import { useAttention } from './_authed/-components/use-attention';

/** Every console page sits under this layout: signed in, with the header and navigation. */
export const Route = createFileRoute('/_authed')({
  beforeLoad: ({ location }) => {
    if (!getSession()) {
      throw redirect({ to: '/login', search: { redirect: location.href } });
    }
  },
  // Also proves the stored token still works (renewing it if needed) before any page renders.
  loader: ({ context }) => context.queryClient.ensureQueryData(context.trpc.auth.me.queryOptions()),
  component: AuthedLayout,
});

function AuthedLayout() {
  const { t } = useTranslation();
  const { data: user } = useSuspenseQuery(trpc.auth.me.queryOptions());
  const counts = useAttention(user.id);
  // The user's own language follows them from browser to browser (Settings → Notifications).
  useEffect(() => void applyUserLocale(user.locale), [user.locale]);
  const waiting = counts ? counts.mine + counts.waiting + counts.mentions : 0;
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <AppHeader user={user} waiting={waiting} />
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
