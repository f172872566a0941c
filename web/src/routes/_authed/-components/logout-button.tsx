import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { logout } from '../../../lib/session';
import { forgetUserData } from '../../../lib/trpc';

export function LogoutButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: logout,
    onSettled: async () => {
      await navigate({ to: '/login' });
      forgetUserData();
    },
  });
  return (
    <button
      type="button"
      className="button button-quiet"
      onClick={() => signOut.mutate()}
      disabled={signOut.isPending}
    >
      {signOut.isPending ? t('header.loggingOut') : t('header.logout')}
    </button>
  );
}
