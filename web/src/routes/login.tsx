import { useQuery } from '@tanstack/react-query';
import { createFileRoute, Link, redirect, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { getSession, type Session, setSession } from '../lib/session';
import { trpc } from '../lib/trpc';
import { LoginForm } from './-components/login-form';
import { SignupForm } from './-components/signup-form';

interface LoginSearch {
  redirect?: string;
  mode?: 'signup';
}

// Only same-origin paths: ?redirect= must not send a signed-in agent to another site.
function safeRedirect(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//')
    ? value
    : undefined;
}

export const Route = createFileRoute('/login')({
  validateSearch: (search: Record<string, unknown>): LoginSearch => ({
    redirect: safeRedirect(search.redirect),
    mode: search.mode === 'signup' ? 'signup' : undefined,
  }),
  beforeLoad: ({ search }) => {
    if (getSession()) throw redirect({ href: search.redirect ?? '/inbox' });
  },
  // Not awaited: the sign-in form must show even while (or if) the config call is slow.
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(context.trpc.auth.config.queryOptions());
  },
  component: LoginPage,
});

function LoginPage() {
  const { t } = useTranslation();
  const { mode, redirect: target } = Route.useSearch();
  const navigate = useNavigate();
  const config = useQuery(trpc.auth.config.queryOptions());
  const signupAllowed = config.data?.allowSignup === true;
  const signingUp = mode === 'signup' && signupAllowed;

  const onSignedIn = (session: Session) => {
    setSession(session);
    void navigate({ href: target ?? '/inbox' });
  };

  return (
    <main className="auth-page">
      <section className="auth-card">
        <p className="brand">{t('app.name')}</p>
        {signingUp ? <SignupForm onSignedIn={onSignedIn} /> : <LoginForm onSignedIn={onSignedIn} />}
        {signupAllowed && (
          <p className="auth-switch">
            {signingUp ? (
              <>
                {t('login.haveAccount')}{' '}
                <Link to="/login" search={{ redirect: target }}>
                  {t('login.signIn')}
                </Link>
              </>
            ) : (
              <>
                {t('login.newHere')}{' '}
                <Link to="/login" search={{ redirect: target, mode: 'signup' }}>
                  {t('login.createWorkspace')}
                </Link>
              </>
            )}
          </p>
        )}
      </section>
    </main>
  );
}
