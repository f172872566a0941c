import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../../components/form-controls';
import { LanguageSelect } from '../../../components/language-select';
import { useNotifySettings } from '../../../lib/notify-settings';
import { trpc } from '../../../lib/trpc';

export const Route = createFileRoute('/_authed/settings/notifications')({
  component: NotificationsPage,
});

type Permission = NotificationPermission | 'unsupported';
const permissionNow = (): Permission =>
  'Notification' in window ? Notification.permission : 'unsupported';

const PERMISSION_NOTE: Record<Permission, string | undefined> = {
  granted: undefined,
  default: 'The browser asks for permission the first time you turn this on.',
  denied: 'This browser blocks notifications from the console: allow them in its site settings.',
  unsupported: 'This browser cannot show desktop notifications.',
};

/**
 * Each user's own choice, in this browser: a chime and a desktop notification when a
 * conversation is assigned to me or a customer writes in mine, a colleague mentions me, or a
 * conversation waits for an agent (use-attention.ts). The tab's title counts them always.
 */
function NotificationsPage() {
  const { data: me } = useSuspenseQuery(trpc.auth.me.queryOptions());
  const { t } = useTranslation();
  const [settings, save] = useNotifySettings(me.id);
  const [permission, setPermission] = useState<Permission>(permissionNow);
  const setDesktop = async (on: boolean) => {
    if (on && permission === 'default') setPermission(await Notification.requestPermission());
    save({ ...settings, desktop: on });
  };
  return (
    <section className="section" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifications</h2>
      <p className="muted">
        When a conversation is assigned to you, a customer writes in yours, a colleague mentions you
        or a conversation waits for an agent. The tab's title always counts them.
      </p>
      <CheckboxField
        label="Play a sound"
        switch
        checked={settings.sound}
        onChange={(e) => save({ ...settings, sound: e.currentTarget.checked })}
      />
      <CheckboxField
        label="Show desktop notifications"
        switch
        checked={settings.desktop && permission === 'granted'}
        disabled={permission === 'denied' || permission === 'unsupported'}
        hint={PERMISSION_NOTE[permission]}
        onChange={(e) => void setDesktop(e.currentTarget.checked)}
      />
      <h2 id="language-title">{t('language.title')}</h2>
      <LanguageSelect chosen={me.locale} />
    </section>
  );
}
