import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/field';
import { FormError } from '../../components/form-error';
import type { Session } from '../../lib/session';
import { trpc } from '../../lib/trpc';

/** Creates a new workspace with its first (admin) user, then signs that user in. */
export function SignupForm({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { t } = useTranslation();
  const register = useMutation(trpc.auth.register.mutationOptions({ onSuccess: onSignedIn }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    register.mutate({
      workspaceName: text('workspaceName'),
      name: text('name'),
      email: text('email'),
      password: text('password'),
    });
  };

  return (
    <form className="auth-form" onSubmit={submit} aria-labelledby="signup-title">
      <h1 id="signup-title">{t('login.createWorkspace')}</h1>
      <FormError error={register.error} />
      <Field
        label={t('login.workspaceName')}
        name="workspaceName"
        autoComplete="organization"
        required
        autoFocus
      />
      <Field label={t('login.yourName')} name="name" autoComplete="name" required />
      <Field label={t('login.email')} name="email" type="email" autoComplete="email" required />
      <Field
        label={t('login.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        // Mirrors the server's passwordSchema; the server stays the authority.
        minLength={8}
        hint={t('login.passwordHint')}
        required
      />
      <button type="submit" className="button button-primary" disabled={register.isPending}>
        {register.isPending ? t('login.creating') : t('login.create')}
      </button>
    </form>
  );
}
