import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { logout } from '../../../lib/session';

export function LogoutButton() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: logout,
    onSettled: async () => {
      // Leave the signed-in pages before dropping the cache, so nothing mounted refetches.
      await navigate({ to: '/login' });
      queryClient.clear();
    },
  });
  return (
    <button
      type="button"
      className="button button-quiet"
      onClick={() => signOut.mutate()}
      disabled={signOut.isPending}
    >
      {signOut.isPending ? 'Logging out…' : 'Logout'}
    </button>
  );
}
