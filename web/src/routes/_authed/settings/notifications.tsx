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

/** What the desktop switch says under it, per the browser's permission (a settings key). */
const PERMISSION_NOTE = {
  granted: undefined,
  default: 'notifications.permission.default',
  denied: 'notifications.permission.denied',
  unsupported: 'notifications.permission.unsupported',
} as const satisfies Record<Permission, `notifications.permission.${string}` | undefined>;

/**
 * Each user's own choice, in this browser: a chime and a desktop notification when a
 * conversation is assigned to me or a customer writes in mine, a colleague mentions me, or a
 * conversation waits for an agent (use-attention.ts). The tab's title counts them always.
 */
function NotificationsPage() {
  const { data: me } = useSuspenseQuery(trpc.auth.me.queryOptions());
  const { t } = useTranslation(['settings', 'common']);
  const [settings, save] = useNotifySettings(me.id);
  const [permission, setPermission] = useState<Permission>(permissionNow);
  const note = PERMISSION_NOTE[permission];
  const setDesktop = async (on: boolean) => {
    if (on && permission === 'default') setPermission(await Notification.requestPermission());
    save({ ...settings, desktop: on });
  };
  return (
    <section className="section" aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t('notifications.title')}</h2>
      <p className="muted">{t('notifications.intro')}</p>
      <CheckboxField
        label={t('notifications.sound')}
        switch
        checked={settings.sound}
        onChange={(e) => save({ ...settings, sound: e.currentTarget.checked })}
      />
      <CheckboxField
        label={t('notifications.desktop')}
        switch
        checked={settings.desktop && permission === 'granted'}
        disabled={permission === 'denied' || permission === 'unsupported'}
        hint={note && t(note)}
        onChange={(e) => void setDesktop(e.currentTarget.checked)}
      />
      <h2 id="language-title">{t('common:language.title')}</h2>
      <LanguageSelect chosen={me.locale} />
    </section>
  );
}
