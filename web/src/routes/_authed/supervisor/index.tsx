import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { SelectField } from '../../../components/form-controls';
import { trpc } from '../../../lib/trpc';
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
  const days = Route.useSearch().days ?? DEFAULT_DAYS;
  const navigate = Route.useNavigate();
  const { data } = useSuspenseQuery({ ...dashboardOptions(days), refetchInterval: 60_000 });
  return (
    <div className="page">
      <div className="dashboard-toolbar">
        <h2 className="visually-hidden">Dashboard</h2>
        <p className="muted">
          Days in {data.timeZone}, from {data.days[0]} to {data.days[data.days.length - 1]}.
        </p>
        <SelectField
          label="Period"
          value={String(days)}
          onChange={(e) => navigate({ search: { days: Number(e.currentTarget.value) } })}
        >
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              Last {p} days
            </option>
          ))}
        </SelectField>
      </div>
      <DashboardView data={data} />
    </div>
  );
}
