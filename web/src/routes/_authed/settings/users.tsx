import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { Pagination } from '../../../components/pagination';
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
      <div className="section-header">
        <h2>Users</h2>
        <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
          New user
        </button>
      </div>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Availability</th>
              <th scope="col" className="num">
                Capacity
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{ROLE[u.role]}</td>
                <td>
                  <span className="badge">
                    <span className={`presence presence-${u.availability}`} aria-hidden="true" />
                    {AVAILABILITY[u.availability]}
                  </span>
                </td>
                <td className="num">{u.capacity ?? <span className="muted">Default</span>}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="button button-quiet"
                    aria-label={`Edit user ${u.name}`}
                    onClick={() => setEditing(u)}
                  >
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination {...pagination} noun="users" />
      {editing && (
        <UserForm user={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}
