import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';
import '../styles/forms.css';

interface Described {
  label: string;
  hint?: string;
  error?: string;
}

/** Ids and ARIA wiring shared by the labelled controls below (and Field). */
function useDescribed({ hint, error }: Omit<Described, 'label'>) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  const aria = {
    id,
    'aria-describedby': describedBy || undefined,
    'aria-invalid': error ? true : undefined,
  };
  const notes = (
    <>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </>
  );
  return { id, aria, notes };
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> &
  Described & { children: ReactNode };

export function SelectField({ label, hint, error, children, ...select }: SelectFieldProps) {
  const { id, aria, notes } = useDescribed({ hint, error });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select {...aria} {...select}>
        {children}
      </select>
      {notes}
    </div>
  );
}

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & Described;

export function TextAreaField({ label, hint, error, ...area }: TextAreaFieldProps) {
  const { id, aria, notes } = useDescribed({ hint, error });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea {...aria} {...area} />
      {notes}
    </div>
  );
}

type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> &
  Described & { switch?: boolean };

/** A checkbox with its label on the right; `switch` gives it the switch role. */
export function CheckboxField({
  label,
  hint,
  error,
  switch: isSwitch,
  ...input
}: CheckboxFieldProps) {
  const { id, aria, notes } = useDescribed({ hint, error });
  return (
    <div className="field field-check">
      <div className="field-check-row">
        <input
          type="checkbox"
          role={isSwitch ? 'switch' : undefined}
          className={isSwitch ? 'switch' : undefined}
          {...aria}
          {...input}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {notes}
    </div>
  );
}
