import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';
import { ConfirmButton } from './confirm-button';

interface RowButtonProps {
  label: string;
  /** Its accessible name, naming the row ("Edit tag VIP"). */
  name: string;
  onClick: () => void;
}

/** A quiet button in a table row's actions cell. */
export function RowButton({ label, name, onClick }: RowButtonProps) {
  return (
    <button type="button" className="button button-quiet" aria-label={name} onClick={onClick}>
      {label}
    </button>
  );
}

interface RowActionsProps {
  /** The row as the buttons' names end: "chatbot Support" names "Edit chatbot Support". */
  what: string;
  onEdit?: () => void;
  /** The edit button's text: "Edit" unless given. */
  editLabel?: string;
  /** Asked twice (ConfirmButton) before it runs. */
  onDelete?: () => void;
  /** The delete button's text: "Delete" unless given. */
  deleteLabel?: string;
  deleting?: boolean;
  /** A failed delete of this row, said under its buttons. */
  error?: unknown;
  /** More buttons, between edit and delete. */
  children?: ReactNode;
}

/** A row's Edit and Delete buttons, each named after the row; either may be left out. */
export function RowActions({
  what,
  onEdit,
  editLabel,
  onDelete,
  deleteLabel,
  deleting,
  error,
  children,
}: RowActionsProps) {
  const { t } = useTranslation();
  const edit = editLabel ?? t('actions.edit');
  const remove = deleteLabel ?? t('actions.delete');
  return (
    <>
      {onEdit && <RowButton label={edit} name={`${edit} ${what}`} onClick={onEdit} />}
      {children}
      {onDelete && (
        <ConfirmButton
          label={remove}
          name={`${remove} ${what}`}
          pending={deleting}
          onConfirm={onDelete}
        />
      )}
      {error ? (
        <p className="field-error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
    </>
  );
}

interface DeleteMutation {
  isPending: boolean;
  error: unknown;
  variables?: { id: unknown };
}

/** A delete mutation's state as one row sees it: pending or failed only when it was this row. */
export function deleteStateOf(mutation: DeleteMutation, id: unknown) {
  const mine = mutation.variables?.id === id;
  return { deleting: mine && mutation.isPending, error: mine ? mutation.error : null };
}
