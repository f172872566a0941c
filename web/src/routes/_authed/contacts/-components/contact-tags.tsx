import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Dialog } from '../../../../components/dialog';
import { SelectField } from '../../../../components/form-controls';
import { FormError } from '../../../../components/form-error';
import { TagChip, type TagRow } from '../../../../components/tag-chip';
import { trpc } from '../../../../lib/trpc';

/** The tags on one contact: remove each, add one of the workspace's others. */
export function ContactTags({
  contactId,
  tags,
  onClose,
}: {
  contactId: number;
  tags: TagRow[];
  onClose: () => void;
}) {
  const headingId = useId();
  const queryClient = useQueryClient();
  const contact = useQuery(trpc.contacts.get.queryOptions({ id: contactId }));
  const refresh = {
    onSuccess: () => queryClient.invalidateQueries(trpc.contacts.pathFilter()),
  };
  const [chosen, setChosen] = useState('');
  const add = useMutation(
    trpc.contacts.addTags.mutationOptions({
      onSuccess: async () => {
        setChosen('');
        await refresh.onSuccess();
      },
    }),
  );
  const remove = useMutation(trpc.contacts.removeTags.mutationOptions(refresh));
  const current = contact.data?.tags ?? [];
  const addable = tags.filter((t) => !current.some((c) => c.id === t.id));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (chosen) add.mutate({ id: contactId, tag_ids: [Number(chosen)] });
  };

  const name = contact.data ? (contact.data.name ?? contact.data.external_id) : '…';
  return (
    <Dialog title={`Tags of ${name}`} onClose={onClose}>
      <div className="form-stack">
        <FormError error={contact.error ?? add.error ?? remove.error} />
        <h3 id={headingId} className="visually-hidden">
          Current tags
        </h3>
        <ul className="tag-list" aria-labelledby={headingId}>
          {current.map((tag) => (
            <li key={tag.id}>
              <TagChip name={tag.name} color={tag.color} />
              <button
                type="button"
                className="button button-quiet button-small"
                aria-label={`Remove tag ${tag.name}`}
                disabled={remove.isPending}
                onClick={() => remove.mutate({ id: contactId, tag_ids: [tag.id] })}
              >
                Remove
              </button>
            </li>
          ))}
          {contact.isSuccess && current.length === 0 && <li className="muted">No tags yet.</li>}
        </ul>
        <form className="inline-form" onSubmit={submit}>
          <SelectField
            label="Tag to add"
            name="tag"
            required
            value={chosen}
            onChange={(e) => setChosen(e.currentTarget.value)}
          >
            <option value="" disabled>
              {addable.length ? 'Choose a tag' : 'No other tags'}
            </option>
            {addable.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button" disabled={add.isPending || !addable.length}>
            Add tag
          </button>
        </form>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </Dialog>
  );
}
