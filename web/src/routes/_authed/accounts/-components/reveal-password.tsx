import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import { trpc } from '../../../../lib/trpc';

const SHOWN_FOR_S = 15;

/**
 * Supervisors only: asks the server for the password (each reveal is audited) and shows it in
 * place for a few seconds, then forgets it.
 */
export function RevealPassword({ accountId, username }: { accountId: number; username: string }) {
  const { t } = useTranslation('crm');
  const reveal = useMutation(
    // Not kept in the mutation cache once hidden.
    trpc.accounts.revealPassword.mutationOptions({ gcTime: 0 }),
  );
  const [left, setLeft] = useState(0);
  const { reset } = reveal;
  useEffect(() => {
    if (!reveal.isSuccess) return;
    setLeft(SHOWN_FOR_S);
    const tick = setInterval(() => setLeft((s) => s - 1), 1000);
    const hide = setTimeout(reset, SHOWN_FOR_S * 1000);
    return () => {
      clearInterval(tick);
      clearTimeout(hide);
    };
  }, [reveal.isSuccess, reset]);

  if (reveal.isSuccess) {
    return (
      <span className="reveal">
        <span className="visually-hidden">
          {t('accounts.reveal.passwordOf', { name: username })}
        </span>
        <code className="code revealed">{reveal.data.password_final}</code>
        <span className="muted" aria-hidden="true">
          {t('accounts.reveal.seconds', { seconds: Math.max(left, 0) })}
        </span>
        <button
          type="button"
          className="button button-quiet button-small"
          aria-label={t('accounts.reveal.hideOf', { name: username })}
          onClick={reset}
        >
          {t('accounts.reveal.hide')}
        </button>
      </span>
    );
  }
  return (
    <span className="reveal">
      <span aria-hidden="true">••••••</span>
      <button
        type="button"
        className="button button-quiet button-small"
        aria-label={t('accounts.reveal.revealOf', { name: username })}
        disabled={reveal.isPending}
        onClick={() => reveal.mutate({ id: accountId })}
      >
        {reveal.isPending ? t('accounts.reveal.revealing') : t('accounts.reveal.reveal')}
      </button>
      {reveal.isError && (
        <span className="field-error" role="alert">
          {errorMessage(reveal.error)}
        </span>
      )}
    </span>
  );
}
