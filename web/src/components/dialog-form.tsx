import type { FormEvent, ReactNode } from 'react';
import { Dialog } from './dialog';
import { FormActions } from './form-actions';
import { FormAlert } from './form-error';

interface DialogFormProps {
  title: string;
  onClose: () => void;
  wide?: boolean;
  /** Fields one under another (`form-stack`) rather than on a two-column grid (`form-grid`). */
  stack?: boolean;
  /** Leaves checking to the server, whose messages land next to the fields. */
  noValidate?: boolean;
  /** Called with the form's data; the page does not navigate. */
  onSubmit: (form: FormData) => void;
  /** The form-level message (`formErrors(…).form`), announced above the fields. */
  error: string | null;
  submitLabel: string;
  pending: boolean;
  children: ReactNode;
}

/** A create/edit form in a modal: its message, its fields, then Cancel and submit. */
export function DialogForm({
  title,
  onClose,
  wide,
  stack,
  noValidate,
  onSubmit,
  error,
  submitLabel,
  pending,
  children,
}: DialogFormProps) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(new FormData(event.currentTarget));
  };
  return (
    <Dialog title={title} onClose={onClose} wide={wide}>
      <form
        className={stack ? 'form-stack' : 'form-grid'}
        onSubmit={submit}
        noValidate={noValidate}
      >
        {stack ? (
          <FormAlert message={error} />
        ) : (
          <div className="span-2">
            <FormAlert message={error} />
          </div>
        )}
        {children}
        <FormActions
          submitLabel={submitLabel}
          pending={pending}
          onCancel={onClose}
          className={stack ? undefined : 'span-2'}
        />
      </form>
    </Dialog>
  );
}
