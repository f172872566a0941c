import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../../components/form-error';
import { trpc } from '../../../../lib/trpc';

/** Free-text notes on the contact, saved with `contacts.update`. */
export function ContactNotes({ contactId }: { contactId: number }) {
  const { t } = useTranslation('inbox');
  const queryClient = useQueryClient();
  const contact = useQuery(trpc.contacts.get.queryOptions({ id: contactId }));
  const [draft, setDraft] = useState<string | null>(null);
  const save = useMutation(
    trpc.contacts.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({
          queryKey: trpc.contacts.get.queryKey({ id: contactId }),
        });
        setDraft(null);
      },
    }),
  );
  const saved = contact.data?.notes ?? '';
  const value = draft ?? saved;
  const dirty = draft !== null && draft !== saved;

  return (
    <section className="panel-section" aria-labelledby="panel-notes">
      <h3 id="panel-notes">{t('contactNotes.title')}</h3>
      <form
        className="notes"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ id: contactId, patch: { notes: value.trim() ? value : null } });
        }}
      >
        <textarea
          aria-labelledby="panel-notes"
          rows={3}
          value={value}
          placeholder={
            contact.isPending ? t('contactNotes.loading') : t('contactNotes.placeholder')
          }
          disabled={contact.isPending}
          onChange={(e) => setDraft(e.target.value)}
        />
        {dirty && (
          <div className="notes-actions">
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {save.isPending ? t('contactNotes.saving') : t('contactNotes.save')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setDraft(null)}>
              {t('contactNotes.cancel')}
            </button>
          </div>
        )}
        <FormError error={save.error ?? contact.error} />
      </form>
    </section>
  );
}
