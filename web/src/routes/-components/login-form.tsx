import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/field';
import { FormError } from '../../components/form-error';
import type { Session } from '../../lib/session';
import { trpc } from '../../lib/trpc';

export function LoginForm({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { t } = useTranslation();
  const login = useMutation(trpc.auth.login.mutationOptions({ onSuccess: onSignedIn }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate({
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    });
  };

  return (
    <form className="auth-form" onSubmit={submit} aria-labelledby="login-title">
      <h1 id="login-title">{t('login.signIn')}</h1>
      <FormError error={login.error} />
      <Field
        label={t('login.email')}
        name="email"
        type="email"
        autoComplete="username"
        required
        autoFocus
      />
      <Field
        label={t('login.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <button type="submit" className="button button-primary" disabled={login.isPending}>
        {login.isPending ? t('login.signingIn') : t('login.signIn')}
      </button>
    </form>
  );
}
