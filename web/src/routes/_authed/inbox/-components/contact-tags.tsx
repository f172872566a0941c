import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../../components/form-error';
import { trpc } from '../../../../lib/trpc';
import type { Conversation } from './use-conversation-actions';

type Tag = NonNullable<Conversation['contact']>['tags'][number];

/** The contact's tags: remove with ×, add from the workspace's tags. */
export function ContactTags({ contactId, tags }: { contactId: number; tags: Tag[] }) {
  const { t } = useTranslation('inbox');
  const queryClient = useQueryClient();
  const all = useQuery(trpc.tags.list.queryOptions({ limit: 100 }));
  const refresh = () =>
    Promise.all(
      [trpc.conversations.get, trpc.conversations.list, trpc.contacts.get].map((p) =>
        queryClient.invalidateQueries({ queryKey: p.pathKey() }),
      ),
    );
  const add = useMutation(trpc.contacts.addTags.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.contacts.removeTags.mutationOptions({ onSuccess: refresh }));
  const have = new Set(tags.map((tag) => tag.id));
  const addable = (all.data?.data ?? []).filter((tag) => !have.has(tag.id));
  const busy = add.isPending || remove.isPending;

  return (
    <section className="panel-section" aria-labelledby="panel-tags">
      <h3 id="panel-tags">{t('tags.title')}</h3>
      <ul className="contact-tags">
        {tags.length === 0 && <li className="inbox-muted">{t('tags.none')}</li>}
        {tags.map((tag) => (
          <li key={tag.id} className="contact-tag">
            <span className="tag-swatch" style={{ background: tag.color ?? undefined }} />
            {tag.name}
            <button
              type="button"
              className="contact-tag-remove"
              aria-label={t('tags.remove', { name: tag.name })}
              disabled={busy}
              onClick={() => remove.mutate({ id: contactId, tag_ids: [tag.id] })}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {addable.length > 0 && (
        <select
          className="panel-select"
          aria-label={t('tags.add')}
          value=""
          disabled={busy}
          onChange={(e) => {
            if (e.target.value) add.mutate({ id: contactId, tag_ids: [Number(e.target.value)] });
          }}
        >
          <option value="">{t('tags.addOption')}</option>
          {addable.map((tag) => (
            <option key={tag.id} value={tag.id}>
              {tag.name}
            </option>
          ))}
        </select>
      )}
      <FormError error={add.error ?? remove.error} />
    </section>
  );
}
