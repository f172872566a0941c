import { useTranslation } from 'react-i18next';

interface FormActionsProps {
  /** The submit button's text ("Save tag"); it says "Saving…" while `pending`. */
  submitLabel: string;
  pending: boolean;
  /** Shows a Cancel button before the submit one. */
  onCancel?: () => void;
  /** Classes beside `form-actions` (`span-2` across a form grid). */
  className?: string;
}

/** A form's closing row: Cancel (when cancellable) and the primary submit button. */
export function FormActions({ submitLabel, pending, onCancel, className }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <div className={className ? `form-actions ${className}` : 'form-actions'}>
      {onCancel && (
        <button type="button" className="button" onClick={onCancel}>
          {t('actions.cancel')}
        </button>
      )}
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? t('actions.saving') : submitLabel}
      </button>
    </div>
  );
}
