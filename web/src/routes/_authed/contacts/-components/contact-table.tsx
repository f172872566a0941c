import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('crm');
  // A contact with conversations answers 409; the message shows on its row.
  const refresh = useRefresh(trpc.contacts.pathFilter());
  const remove = useMutation(trpc.contacts.delete.mutationOptions(refresh));
  return (
    <DataTable
      caption={t('contacts.table.caption')}
      columns={[
        t('contacts.table.name'),
        t('contacts.table.externalId'),
        t('contacts.table.phone'),
        t('contacts.table.tags'),
      ]}
      rows={contacts}
      cells={(contact) => (
        <>
          <td>
            {contact.name ? (
              <TruncatedText text={contact.name} />
            ) : (
              <span className="muted">{t('contacts.table.noName')}</span>
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
          what={t('contacts.table.what', { name: label(contact) })}
          onEdit={() => onEdit(contact)}
          onDelete={() => remove.mutate({ id: contact.id })}
          {...deleteStateOf(remove, contact.id)}
        >
          <RowButton
            label={t('contacts.table.tagsButton')}
            name={t('contacts.table.tagsOf', { name: label(contact) })}
            onClick={() => onTags(contact)}
          />
        </RowActions>
      )}
      empty={filtered ? t('contacts.table.noMatch') : t('contacts.table.empty')}
    />
  );
}
