import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { errorMessage } from '../lib/errors';
import { trpc } from '../lib/trpc';
import './setup-checklist.css';

type Step = 'channel' | 'knowledge' | 'agents';

const STEPS: Record<
  Step,
  { label: string; to: '/settings/integrations' | '/knowledge' | '/settings/users' }
> = {
  channel: { label: 'Connect a channel', to: '/settings/integrations' },
  knowledge: { label: 'Give the bot knowledge (publish an article)', to: '/knowledge' },
  agents: { label: 'Invite your agents', to: '/settings/users' },
};

/**
 * The admin's first steps, ticked by the server from the workspace's rows (services/checklist.ts).
 * Read afresh whenever it is shown (staleTime 0), so coming back from a settings page shows the
 * tick; gone once every step is done or the admin dismisses it. Renders nothing for other roles.
 */
export function SetupChecklist() {
  const { data: me } = useQuery(trpc.auth.me.queryOptions());
  const admin = me?.role === 'admin';
  const queryClient = useQueryClient();
  const { data } = useQuery({ ...trpc.checklist.get.queryOptions(), enabled: admin, staleTime: 0 });
  const dismiss = useMutation(
    trpc.checklist.dismiss.mutationOptions({
      onSuccess: (next) => queryClient.setQueryData(trpc.checklist.get.queryKey(), next),
    }),
  );
  if (!admin || !data?.shown) return null;
  return (
    <section className="setup-checklist" aria-labelledby="setup-checklist-title">
      <h2 id="setup-checklist-title" className="setup-checklist-title">
        Set up your workspace
      </h2>
      <ul className="setup-checklist-steps">
        {data.steps.map(({ step, done }) => (
          <li key={step} className={done ? 'setup-step setup-step-done' : 'setup-step'}>
            <span className="setup-step-mark" aria-hidden="true">
              {done ? '✓' : '○'}
            </span>
            <Link to={STEPS[step].to}>{STEPS[step].label}</Link>
            <span className="visually-hidden">{done ? ' (done)' : ' (to do)'}</span>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button-quiet button-small"
        disabled={dismiss.isPending}
        onClick={() => dismiss.mutate()}
      >
        Dismiss
      </button>
      {dismiss.error && <p role="alert">{errorMessage(dismiss.error)}</p>}
    </section>
  );
}
