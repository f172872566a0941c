import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmButton } from '../../../../components/confirm-button';
import { TagChip } from '../../../../components/tag-chip';
import { errorMessage } from '../../../../lib/errors';
import { trpc } from '../../../../lib/trpc';
import type { Contact } from './contact-form';

interface ContactTableProps {
  contacts: Contact[];
  filtered: boolean;
  onEdit: (contact: Contact) => void;
  onTags: (contact: Contact) => void;
}

const label = (c: Contact) => c.name ?? c.external_id;

export function ContactTable({ contacts, filtered, onEdit, onTags }: ContactTableProps) {
  const queryClient = useQueryClient();
  // A contact with conversations answers 409; the message shows on its row.
  const remove = useMutation(
    trpc.contacts.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.contacts.pathFilter()),
    }),
  );
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Contacts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">External ID</th>
            <th scope="col">Phone</th>
            <th scope="col">Tags</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((contact) => (
            <tr key={contact.id}>
              <td>{contact.name ?? <span className="muted">No name</span>}</td>
              <td className="code">{contact.external_id}</td>
              <td>{contact.phone_number ?? '—'}</td>
              <td>
                <div className="chips">
                  {('tags' in contact ? contact.tags : []).map((tag) => (
                    <TagChip key={tag.id} name={tag.name} color={tag.color} />
                  ))}
                </div>
              </td>
              <td className="actions">
                <button
                  type="button"
                  className="button button-quiet"
                  aria-label={`Edit contact ${label(contact)}`}
                  onClick={() => onEdit(contact)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="button button-quiet"
                  aria-label={`Tags of contact ${label(contact)}`}
                  onClick={() => onTags(contact)}
                >
                  Tags
                </button>
                <ConfirmButton
                  label="Delete"
                  name={`Delete contact ${label(contact)}`}
                  pending={remove.isPending && remove.variables.id === contact.id}
                  onConfirm={() => remove.mutate({ id: contact.id })}
                />
                {remove.isError && remove.variables.id === contact.id && (
                  <p className="field-error" role="alert">
                    {errorMessage(remove.error)}
                  </p>
                )}
              </td>
            </tr>
          ))}
          {contacts.length === 0 && (
            <tr>
              <td colSpan={5} className="table-empty">
                {filtered ? 'No contact matches these filters.' : 'No contacts yet.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
