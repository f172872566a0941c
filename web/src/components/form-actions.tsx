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
  return (
    <div className={className ? `form-actions ${className}` : 'form-actions'}>
      {onCancel && (
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      )}
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Saving…' : submitLabel}
      </button>
    </div>
  );
}
