import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../../lib/errors';
import { trpc } from '../../../../lib/trpc';

const SHOWN_FOR_S = 15;

/**
 * Supervisors only: asks the server for the password (each reveal is audited) and shows it in
 * place for a few seconds, then forgets it.
 */
export function RevealPassword({ accountId, username }: { accountId: number; username: string }) {
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
        <span className="visually-hidden">Password of {username}:</span>
        <code className="code revealed">{reveal.data.password_final}</code>
        <span className="muted" aria-hidden="true">
          {Math.max(left, 0)} s
        </span>
        <button
          type="button"
          className="button button-quiet button-small"
          aria-label={`Hide password of ${username}`}
          onClick={reset}
        >
          Hide
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
        aria-label={`Reveal password of ${username}`}
        disabled={reveal.isPending}
        onClick={() => reveal.mutate({ id: accountId })}
      >
        {reveal.isPending ? 'Revealing…' : 'Reveal'}
      </button>
      {reveal.isError && (
        <span className="field-error" role="alert">
          {errorMessage(reveal.error)}
        </span>
      )}
    </span>
  );
}
