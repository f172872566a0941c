import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmButtonProps {
  /** Visible text of the first button ("Delete"). */
  label: string;
  /** Its accessible name, naming the row ("Delete contact Alice"). */
  name: string;
  onConfirm: () => void;
  pending?: boolean;
}

/** A destructive action asked twice, in place: Delete → Confirm / Cancel. */
export function ConfirmButton({ label, name, onConfirm, pending }: ConfirmButtonProps) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className="button button-danger-quiet"
        aria-label={name}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm">
      <button
        type="button"
        className="button button-danger"
        aria-label={t('actions.confirmName', { name })}
        disabled={pending}
        onClick={() => {
          onConfirm();
          setAsking(false);
        }}
      >
        {pending ? t('actions.working') : t('actions.confirm', { action: label.toLowerCase() })}
      </button>
      <button type="button" className="button button-quiet" onClick={() => setAsking(false)}>
        {t('actions.cancel')}
      </button>
    </span>
  );
}
