import { Link, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_RANK, type Role } from '../../../../../shared/enums';
import { AvailabilityToggle } from '../../../components/availability-toggle';
import { ConnectionStatus } from '../../../components/connection-status';
import { formatNumber } from '../../../lib/format';
import type { SessionUser } from '../../../lib/session';
import '../../../styles/console.css';
import '../../../styles/tables.css';
import '../../../styles/header.css';
import { LogoutButton } from './logout-button';
import { MentionsMenu } from './mentions-menu';
import { useDisclosure } from './use-disclosure';

const ROLE_LABEL = {
  agent: 'roles.agent',
  supervisor: 'roles.supervisor',
  admin: 'roles.admin',
} as const satisfies Record<SessionUser['role'], string>;

const NAV = [
  { to: '/inbox', label: 'nav.inbox', role: 'agent' },
  { to: '/contacts', label: 'nav.contacts', role: 'agent' },
  { to: '/tags', label: 'nav.tags', role: 'agent' },
  { to: '/catalog', label: 'nav.catalog', role: 'agent' },
  { to: '/accounts', label: 'nav.accounts', role: 'agent' },
  { to: '/knowledge', label: 'nav.knowledge', role: 'agent' },
  { to: '/supervisor', label: 'nav.supervisor', role: 'supervisor' },
  { to: '/settings', label: 'nav.settings', role: 'admin' },
] as const satisfies readonly { to: string; label: `nav.${string}`; role: Role }[];

/**
 * The top bar. Below 1280 px the navigation and the user's controls (availability, Logout) do
 * not fit beside each other, so they fold into a panel behind a Menu button; the live
 * connection and the mentions stay in the bar at every width.
 */
/** `waiting`: what waits for the user (use-attention.ts), counted on the Inbox link. */
export function AppHeader({ user, waiting }: { user: SessionUser; waiting: number }) {
  const { t } = useTranslation();
  const menu = useDisclosure();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const { setOpen } = menu;
  // Following a link in the folded menu lands on a page: the panel has done its job.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new page closes it
  useEffect(() => setOpen(false), [pathname]);

  return (
    <header className="app-header">
      <Link to="/inbox" className="app-brand">
        {t('app.name')}
      </Link>
      <div className="app-menu-root" ref={menu.root}>
        <button type="button" className="button app-menu-button" {...menu.buttonProps}>
          <span aria-hidden="true">☰</span> {t('header.menu')}
        </button>
        <div id={menu.panelId} className="app-menu" data-open={menu.open || undefined}>
          <nav aria-label={t('header.main')} className="app-nav">
            {NAV.filter((item) => ROLE_RANK[user.role] >= ROLE_RANK[item.role]).map((item) => (
              <Link key={item.to} to={item.to} activeProps={{ 'aria-current': 'page' }}>
                {t(item.label)}
                {item.to === '/inbox' && waiting > 0 && (
                  <span className="badge nav-count">
                    <span aria-hidden="true">{waiting > 99 ? '99+' : formatNumber(waiting)}</span>
                    <span className="visually-hidden">
                      , {t('header.waiting', { count: waiting })}
                    </span>
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
            <span className="app-user-role">{t(ROLE_LABEL[user.role])}</span>
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
