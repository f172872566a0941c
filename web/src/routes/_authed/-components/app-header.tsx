import { Link } from '@tanstack/react-router';
import { ROLE_RANK, type Role } from '../../../../../shared/enums';
import { AvailabilityToggle } from '../../../components/availability-toggle';
import { ConnectionStatus } from '../../../components/connection-status';
import type { SessionUser } from '../../../lib/session';
import '../../../styles/console.css';
import '../../../styles/tables.css';
import '../../../styles/header.css';
import { LogoutButton } from './logout-button';
import { MentionsMenu } from './mentions-menu';

const ROLE_LABEL: Record<SessionUser['role'], string> = {
  agent: 'Agent',
  supervisor: 'Supervisor',
  admin: 'Admin',
};

const NAV = [
  { to: '/inbox', label: 'Inbox', role: 'agent' },
  { to: '/contacts', label: 'Contacts', role: 'agent' },
  { to: '/tags', label: 'Tags', role: 'agent' },
  { to: '/catalog', label: 'Catalog', role: 'agent' },
  { to: '/accounts', label: 'Accounts', role: 'agent' },
  { to: '/knowledge', label: 'Knowledge', role: 'agent' },
  { to: '/supervisor', label: 'Supervisor', role: 'supervisor' },
  { to: '/settings', label: 'Settings', role: 'admin' },
] as const satisfies readonly { to: string; label: string; role: Role }[];

export function AppHeader({ user }: { user: SessionUser }) {
  return (
    <header className="app-header">
      <Link to="/inbox" className="app-brand">
        Support Inbox
      </Link>
      <nav aria-label="Main" className="app-nav">
        {NAV.filter((item) => ROLE_RANK[user.role] >= ROLE_RANK[item.role]).map((item) => (
          <Link key={item.to} to={item.to} activeProps={{ 'aria-current': 'page' }}>
            {item.label}
          </Link>
        ))}
      </nav>
      <div className="app-user">
        <ConnectionStatus />
        <MentionsMenu meId={user.id} />
        <AvailabilityToggle availability={user.availability} />
        <span className="app-user-name">{user.name}</span>
        <span className="app-user-role">{ROLE_LABEL[user.role]}</span>
        <LogoutButton />
      </div>
    </header>
  );
}
