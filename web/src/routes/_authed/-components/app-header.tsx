import { Link, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { ROLE_RANK, type Role } from '../../../../../shared/enums';
import { AvailabilityToggle } from '../../../components/availability-toggle';
import { ConnectionStatus } from '../../../components/connection-status';
import type { SessionUser } from '../../../lib/session';
import '../../../styles/console.css';
import '../../../styles/tables.css';
import '../../../styles/header.css';
import { LogoutButton } from './logout-button';
import { MentionsMenu } from './mentions-menu';
import { useDisclosure } from './use-disclosure';

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

/**
 * The top bar. Below 1200 px the navigation and the user's controls (availability, Logout) do
 * not fit beside each other, so they fold into a panel behind a Menu button; the live
 * connection and the mentions stay in the bar at every width.
 */
/** `waiting`: what waits for the user (use-attention.ts), counted on the Inbox link. */
export function AppHeader({ user, waiting }: { user: SessionUser; waiting: number }) {
  const menu = useDisclosure();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const { setOpen } = menu;
  // Following a link in the folded menu lands on a page: the panel has done its job.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new page closes it
  useEffect(() => setOpen(false), [pathname]);

  return (
    <header className="app-header">
      <Link to="/inbox" className="app-brand">
        Support Inbox
      </Link>
      <div className="app-menu-root" ref={menu.root}>
        <button type="button" className="button app-menu-button" {...menu.buttonProps}>
          <span aria-hidden="true">☰</span> Menu
        </button>
        <div id={menu.panelId} className="app-menu" data-open={menu.open || undefined}>
          <nav aria-label="Main" className="app-nav">
            {NAV.filter((item) => ROLE_RANK[user.role] >= ROLE_RANK[item.role]).map((item) => (
              <Link key={item.to} to={item.to} activeProps={{ 'aria-current': 'page' }}>
                {item.label}
                {item.to === '/inbox' && waiting > 0 && (
                  <span className="badge nav-count">
                    <span aria-hidden="true">{waiting > 99 ? '99+' : waiting}</span>
                    <span className="visually-hidden">, {waiting} waiting for you</span>
                  </span>
                )}
              </Link>
            ))}
          </nav>
          <div className="app-user">
            <AvailabilityToggle availability={user.availability} />
            <span className="app-user-name" title={user.name}>
              {user.name}
            </span>
            <span className="app-user-role">{ROLE_LABEL[user.role]}</span>
            <LogoutButton />
          </div>
        </div>
      </div>
      <div className="app-header-tools">
        <ConnectionStatus />
        <MentionsMenu meId={user.id} />
      </div>
    </header>
  );
}
