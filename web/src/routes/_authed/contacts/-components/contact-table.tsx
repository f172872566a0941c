import { useMutation } from '@tanstack/react-query';
import { DataTable } from '../../../../components/data-table';
import { deleteStateOf, RowActions, RowButton } from '../../../../components/row-actions';
import { TagChip } from '../../../../components/tag-chip';
import { TruncatedText } from '../../../../components/truncated-text';
import { useRefresh } from '../../../../components/use-refresh';
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
  // A contact with conversations answers 409; the message shows on its row.
  const refresh = useRefresh(trpc.contacts.pathFilter());
  const remove = useMutation(trpc.contacts.delete.mutationOptions(refresh));
  return (
    <DataTable
      caption="Contacts"
      columns={['Name', 'External ID', 'Phone', 'Tags']}
      rows={contacts}
      cells={(contact) => (
        <>
          <td>
            {contact.name ? (
              <TruncatedText text={contact.name} />
            ) : (
              <span className="muted">No name</span>
            )}
          </td>
          <td className="code">
            <TruncatedText text={contact.external_id} />
          </td>
          <td>{contact.phone_number ?? '—'}</td>
          <td>
            <div className="chips">
              {('tags' in contact ? contact.tags : []).map((tag) => (
                <TagChip key={tag.id} name={tag.name} color={tag.color} />
              ))}
            </div>
          </td>
        </>
      )}
      actions={(contact) => (
        <RowActions
          what={`contact ${label(contact)}`}
          onEdit={() => onEdit(contact)}
          onDelete={() => remove.mutate({ id: contact.id })}
          {...deleteStateOf(remove, contact.id)}
        >
          <RowButton
            label="Tags"
            name={`Tags of contact ${label(contact)}`}
            onClick={() => onTags(contact)}
          />
        </RowActions>
      )}
      empty={filtered ? 'No contact matches these filters.' : 'No contacts yet.'}
    />
  );
}
