import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { errorMessage } from '../../../../lib/errors';
import { trpc } from '../../../../lib/trpc';

/** Runs the policy once now, even when automatic assignment is off, and reports the result. */
export function RunNow() {
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
  const name = (id: number) => agents.find((a) => a.id === id)?.name ?? `User #${id}`;
  const perAgent = run.data ? Object.entries(run.data.perAgent) : [];

  return (
    <section className="section" aria-labelledby="run-title">
      <div className="section-header">
        <h2 id="run-title">Run now</h2>
        <button
          type="button"
          className="button button-primary"
          disabled={run.isPending}
          onClick={() => run.mutate()}
        >
          {run.isPending ? 'Running…' : 'Run now'}
        </button>
      </div>
      <div role="status" className="run-result">
        {run.isError && <p className="field-error">{errorMessage(run.error)}</p>}
        {run.data && (
          <>
            <p>
              Assigned <strong>{run.data.processed}</strong> conversation
              {run.data.processed === 1 ? '' : 's'}; <strong>{run.data.errors}</strong> could not be
              assigned
              {run.data.errors > 0 ? ' (no eligible agent with room)' : ''}.
            </p>
            {perAgent.length > 0 && (
              <ul className="per-agent">
                {perAgent.map(([id, n]) => (
                  <li key={id}>
                    {name(Number(id))}: {n}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        {!run.data && !run.isError && (
          <p className="muted">
            Assigns the conversations waiting for a human, as the policy says.
          </p>
        )}
      </div>
    </section>
  );
}
