import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Availability } from '../../../shared/enums';
import { errorMessage } from '../lib/errors';
import { trpc } from '../lib/trpc';
import '../styles/forms.css';

const LABEL = {
  online: 'availability.online',
  away: 'availability.away',
  offline: 'availability.offline',
} as const satisfies Record<Availability, string>;

/**
 * The signed-in user's own availability: on = online (auto-assignment may give them
 * conversations), off = away. The answer replaces the cached `auth.me`.
 */
export function AvailabilityToggle({ availability }: { availability: Availability }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const change = useMutation(
    trpc.users.setAvailability.mutationOptions({
      onSuccess: (user) => queryClient.setQueryData(trpc.auth.me.queryKey(), user),
    }),
  );
  const shown = change.isPending ? change.variables.availability : availability;
  return (
    <div className="availability" title={change.error ? errorMessage(change.error) : undefined}>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        checked={shown === 'online'}
        aria-checked={shown === 'online'}
        disabled={change.isPending}
        aria-describedby={`${id}-status`}
        onChange={(event) =>
          change.mutate({ availability: event.currentTarget.checked ? 'online' : 'away' })
        }
      />
      <label htmlFor={id}>{t('availability.available')}</label>
      <span id={`${id}-status`} className="visually-hidden">
        {t(LABEL[shown])}
        {change.error ? ` ${t('availability.notSaved')}` : ''}
      </span>
    </div>
  );
}
