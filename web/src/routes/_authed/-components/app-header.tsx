import { Link } from '@tanstack/react-router';
import type { SessionUser } from '../../../lib/session';
import { LogoutButton } from './logout-button';

const ROLE_LABEL: Record<SessionUser['role'], string> = {
  agent: 'Agent',
  supervisor: 'Supervisor',
  admin: 'Admin',
};

export function AppHeader({ user }: { user: SessionUser }) {
  return (
    <header className="app-header">
      <Link to="/inbox" className="app-brand">
        Support Inbox
      </Link>
      <nav aria-label="Main" className="app-nav">
        <Link to="/inbox" activeProps={{ 'aria-current': 'page' }}>
          Inbox
        </Link>
      </nav>
      <div className="app-user">
        <span className={`presence presence-${user.availability}`} aria-hidden="true" />
        <span className="app-user-name">{user.name}</span>
        <span className="app-user-role">{ROLE_LABEL[user.role]}</span>
        <LogoutButton />
      </div>
    </header>
  );
}
