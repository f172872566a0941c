import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../components/form-controls';
import { trpc } from '../../../lib/trpc';
import { calendarDay } from './-components/chart-scale';
import { DashboardView } from './-components/dashboard';
import '../../../styles/supervisor.css';

const PERIODS = [7, 14, 30, 90] as const;
const DEFAULT_DAYS = 14;

/** The viewer's own time zone: "today" on the charts is their today. */
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const dashboardOptions = (days: number) => trpc.stats.dashboard.queryOptions({ days, timeZone });

export const Route = createFileRoute('/_authed/supervisor/')({
  validateSearch: (s: Record<string, unknown>): { days?: number } => {
    const days = Number(s.days);
    return { days: (PERIODS as readonly number[]).includes(days) ? days : undefined };
  },
  loaderDeps: ({ search }) => ({ days: search.days ?? DEFAULT_DAYS }),
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(dashboardOptions(deps.days)),
  component: DashboardPage,
});

function DashboardPage() {
  const { t } = useTranslation('supervisor');
  const days = Route.useSearch().days ?? DEFAULT_DAYS;
  const navigate = Route.useNavigate();
  const { data } = useSuspenseQuery({ ...dashboardOptions(days), refetchInterval: 60_000 });
  return (
    <div className="page">
      <div className="dashboard-toolbar">
        <h2 className="visually-hidden">{t('period.heading')}</h2>
        <p className="muted">
          {t('period.days', {
            timeZone: data.timeZone,
            from: calendarDay(data.days[0]!),
            to: calendarDay(data.days[data.days.length - 1]!),
          })}
        </p>
        <SelectField
          label={t('period.label')}
          value={String(days)}
          onChange={(e) => navigate({ search: { days: Number(e.currentTarget.value) } })}
        >
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t('period.last', { days: p })}
            </option>
          ))}
        </SelectField>
      </div>
      <DashboardView data={data} />
    </div>
  );
}
