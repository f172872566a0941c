import { createFileRoute } from '@tanstack/react-router';
import { AgentsTable } from './-components/agents-table';
import { PolicyForm } from './-components/policy-form';
import { RunNow } from './-components/run-now';
import { useAgentsLive } from './-components/use-agents-live';
import '../../../styles/supervisor.css';

export const Route = createFileRoute('/_authed/supervisor/assignment')({
  loader: ({ context: { queryClient, trpc } }) =>
    Promise.all([
      queryClient.ensureQueryData(trpc.assignment.policy.queryOptions()),
      queryClient.ensureQueryData(trpc.assignment.agents.queryOptions()),
      queryClient.ensureQueryData(trpc.users.list.queryOptions()),
      queryClient.ensureQueryData(trpc.tags.list.queryOptions({ limit: 100 })),
    ]),
  component: AssignmentPage,
});

function AssignmentPage() {
  useAgentsLive();
  return (
    <div className="assignment-layout">
      <PolicyForm />
      <div className="assignment-side">
        <RunNow />
        <AgentsTable />
      </div>
    </div>
  );
}
