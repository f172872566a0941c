import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';
import { trpc } from '../lib/trpc';
import './setup-checklist.css';

type Step = 'channel' | 'knowledge' | 'agents';

const STEPS: Record<
  Step,
  {
    label: 'setup.channel' | 'setup.knowledge' | 'setup.agents';
    to: '/settings/integrations' | '/knowledge' | '/settings/users';
  }
> = {
  channel: { label: 'setup.channel', to: '/settings/integrations' },
  knowledge: { label: 'setup.knowledge', to: '/knowledge' },
  agents: { label: 'setup.agents', to: '/settings/users' },
};

/**
 * The admin's first steps, ticked by the server from the workspace's rows (services/checklist.ts).
 * Read afresh whenever it is shown (staleTime 0), so coming back from a settings page shows the
 * tick; gone once every step is done or the admin dismisses it. Renders nothing for other roles.
 */
export function SetupChecklist() {
  const { t } = useTranslation();
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
        {t('setup.title')}
      </h2>
      <ul className="setup-checklist-steps">
        {data.steps.map(({ step, done }) => (
          <li key={step} className={done ? 'setup-step setup-step-done' : 'setup-step'}>
            <span className="setup-step-mark" aria-hidden="true">
              {done ? '✓' : '○'}
            </span>
            <Link to={STEPS[step].to}>{t(STEPS[step].label)}</Link>
            <span className="visually-hidden">{` ${done ? t('setup.done') : t('setup.todo')}`}</span>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button-quiet button-small"
        disabled={dismiss.isPending}
        onClick={() => dismiss.mutate()}
      >
        {t('actions.dismiss')}
      </button>
      {dismiss.error && <p role="alert">{errorMessage(dismiss.error)}</p>}
    </section>
  );
}
