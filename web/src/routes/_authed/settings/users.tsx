import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { DataTable } from '../../../components/data-table';
import { Pagination } from '../../../components/pagination';
import { RowActions } from '../../../components/row-actions';
import { SectionHeader } from '../../../components/section-header';
import { TruncatedText } from '../../../components/truncated-text';
import { useClientPage } from '../../../components/use-client-page';
import { trpc } from '../../../lib/trpc';
import { type User, UserForm } from './-components/user-form';

export const Route = createFileRoute('/_authed/settings/users')({
  loader: ({ context }) =>
    context.queryClient.ensureQueryData(context.trpc.users.list.queryOptions()),
  component: UsersPage,
});

const ROLE = { agent: 'Agent', supervisor: 'Supervisor', admin: 'Admin' } as const;
const AVAILABILITY = { online: 'Online', away: 'Away', offline: 'Offline' } as const;

function UsersPage() {
  const { data: users } = useSuspenseQuery(trpc.users.list.queryOptions());
  const { rows, pagination } = useClientPage(users);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  return (
    <div className="page">
      <SectionHeader title="Users" newLabel="New user" onNew={() => setEditing('new')} />
      <DataTable
        caption="Users"
        columns={['Name', 'Email', 'Role', 'Availability', { label: 'Capacity', className: 'num' }]}
        rows={rows}
        cells={(u) => (
          <>
            <td>
              <TruncatedText text={u.name} />
            </td>
            <td>
              <TruncatedText text={u.email} />
            </td>
            <td>{ROLE[u.role]}</td>
            <td>
              <span className="badge">
                <span className={`presence presence-${u.availability}`} aria-hidden="true" />
                {AVAILABILITY[u.availability]}
              </span>
            </td>
            <td className="num">{u.capacity ?? <span className="muted">Default</span>}</td>
          </>
        )}
        actions={(u) => <RowActions what={`user ${u.name}`} onEdit={() => setEditing(u)} />}
      />
      <Pagination {...pagination} noun="users" />
      {editing && (
        <UserForm user={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}
