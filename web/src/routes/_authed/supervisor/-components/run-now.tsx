import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { Trans, useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import { formatNumber } from '../../../../lib/format';
import { trpc } from '../../../../lib/trpc';

/** Runs the policy once now, even when automatic assignment is off, and reports the result. */
export function RunNow() {
  const { t } = useTranslation('supervisor');
  const queryClient = useQueryClient();
  const { data: agents } = useSuspenseQuery(trpc.assignment.agents.queryOptions());
  const run = useMutation(
    trpc.assignment.execute.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.assignment.pathFilter()),
          queryClient.invalidateQueries(trpc.stats.pathFilter()),
        ]),
    }),
  );
  const name = (id: number) => agents.find((a) => a.id === id)?.name ?? t('run.user', { id });
  const perAgent = run.data ? Object.entries(run.data.perAgent) : [];

  return (
    <section className="section" aria-labelledby="run-title">
      <div className="section-header">
        <h2 id="run-title">{t('run.title')}</h2>
        <button
          type="button"
          className="button button-primary"
          disabled={run.isPending}
          onClick={() => run.mutate()}
        >
          {run.isPending ? t('run.running') : t('run.button')}
        </button>
      </div>
      <div role="status" className="run-result">
        {run.isError && <p className="field-error">{errorMessage(run.error)}</p>}
        {run.data && (
          <>
            <p>
              <Trans
                t={t}
                i18nKey={run.data.errors > 0 ? 'run.assignedNoRoom' : 'run.assigned'}
                count={run.data.processed}
                values={{ errors: run.data.errors }}
                components={{ b: <strong /> }}
              />
            </p>
            {perAgent.length > 0 && (
              <ul className="per-agent">
                {perAgent.map(([id, n]) => (
                  <li key={id}>
                    {name(Number(id))}: {formatNumber(n)}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        {!run.data && !run.isError && <p className="muted">{t('run.intro')}</p>}
      </div>
    </section>
  );
}
