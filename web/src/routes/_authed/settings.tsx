import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ROLE_RANK, type Role } from '../../../../shared/enums';
import { requireRole } from '../../components/require-role';
import { trpc } from '../../lib/trpc';
import '../../styles/settings.css';

/**
 * Admins: the workspace's chatbots, channels, people and API keys. Every role: its canned
 * responses and its notifications (each section names the least role that opens it).
 */
const SECTIONS = [
  { to: '/settings/chatbots', labelKey: 'sections.chatbots', role: 'admin' },
  { to: '/settings/integrations', labelKey: 'sections.channels', role: 'admin' },
  { to: '/settings/users', labelKey: 'sections.users', role: 'admin' },
  { to: '/settings/api-keys', labelKey: 'sections.apiKeys', role: 'admin' },
  { to: '/settings/canned-responses', labelKey: 'sections.canned', role: 'agent' },
  { to: '/settings/notifications', labelKey: 'sections.notifications', role: 'agent' },
] as const satisfies readonly { to: string; labelKey: `sections.${string}`; role: Role }[];

export const Route = createFileRoute('/_authed/settings')({
  beforeLoad: ({ location }) => requireRole(leastRoleFor(location.pathname)),
  component: SettingsLayout,
});

/**
 * `/settings` itself and every admin section stay the admins'; an agent reaches their canned
 * responses from the composer's list, the main navigation still offering them no Settings.
 */
function leastRoleFor(pathname: string): Role {
  // A chatbot's Tests tab reads to supervisors too: "Make a test case" in the inbox links there.
  if (/^\/settings\/chatbots\/[^/]+\/tests\/?$/.test(pathname)) return 'supervisor';
  return SECTIONS.find((s) => pathname.startsWith(s.to))?.role ?? 'admin';
}

function SettingsLayout() {
  const { data: me } = useSuspenseQuery(trpc.auth.me.queryOptions());
  const { t } = useTranslation('settings');
  return (
    <section className="page" aria-labelledby="settings-title">
      <header className="page-header">
        <div>
          <h1 id="settings-title">{t('layout.title')}</h1>
          <p>{t('layout.intro')}</p>
        </div>
      </header>
      <nav className="subnav" aria-label={t('layout.sections')}>
        {SECTIONS.filter((s) => ROLE_RANK[me.role] >= ROLE_RANK[s.role]).map((s) => (
          <Link key={s.to} to={s.to} activeProps={{ 'aria-current': 'page' }}>
            {t(s.labelKey)}
          </Link>
        ))}
      </nav>
      <Outlet />
    </section>
  );
}
