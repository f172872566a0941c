import { createFileRoute, Link, Outlet } from '@tanstack/react-router';
import { requireRole } from '../../components/require-role';
import '../../styles/settings.css';

/** Admins: the workspace's chatbots, channels, people and API keys. */
export const Route = createFileRoute('/_authed/settings')({
  beforeLoad: () => requireRole('admin'),
  component: SettingsLayout,
});

const SECTIONS = [
  { to: '/settings/chatbots', label: 'Chatbots' },
  { to: '/settings/integrations', label: 'Channels' },
  { to: '/settings/users', label: 'Users' },
  { to: '/settings/api-keys', label: 'API keys' },
] as const;

function SettingsLayout() {
  return (
    <section className="page" aria-labelledby="settings-title">
      <header className="page-header">
        <div>
          <h1 id="settings-title">Settings</h1>
          <p>Chatbots, channels, the people of this workspace and API access.</p>
        </div>
      </header>
      <nav className="subnav" aria-label="Settings sections">
        {SECTIONS.map((s) => (
          <Link key={s.to} to={s.to} activeProps={{ 'aria-current': 'page' }}>
            {s.label}
          </Link>
        ))}
      </nav>
      <Outlet />
    </section>
  );
}
