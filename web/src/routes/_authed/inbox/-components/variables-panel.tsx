import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../../components/form-error';
import { trpc } from '../../../../lib/trpc';

interface Props {
  conversationId: number;
  editable: boolean;
}

/** What the bot (or an agent) collected in this conversation; each value editable in place. */
export function VariablesPanel({ conversationId, editable }: Props) {
  const { t } = useTranslation('inbox');
  const queryClient = useQueryClient();
  const input = { conversationId };
  const vars = useQuery(trpc.conversations.variables.queryOptions(input));
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const save = useMutation(
    trpc.conversations.setVariable.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({
          queryKey: trpc.conversations.variables.queryKey(input),
        });
        setEditing(null);
        setAdding(false);
      },
    }),
  );
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const key = String(form.get('key') ?? editing ?? '');
    save.mutate({ ...input, variable: { key, value: String(form.get('value') ?? '') } });
  };

  return (
    <section className="panel-section" aria-labelledby="panel-variables">
      <div className="panel-heading">
        <h3 id="panel-variables">{t('variables.title')}</h3>
        {editable && !adding && (
          <button type="button" className="inbox-link-button" onClick={() => setAdding(true)}>
            {t('variables.add')}
          </button>
        )}
      </div>
      {vars.data?.length === 0 && !adding && <p className="inbox-muted">{t('variables.empty')}</p>}
      <dl className="inbox-facts variables">
        {vars.data?.map((v) =>
          editing === v.key ? (
            <form key={v.key} className="variable-edit" onSubmit={submit}>
              <dt>{v.key}</dt>
              <dd>
                <input
                  name="value"
                  defaultValue={v.value}
                  aria-label={t('variables.valueOf', { key: v.key })}
                />
                <button type="submit" className="button button-primary" disabled={save.isPending}>
                  {t('variables.save')}
                </button>
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => setEditing(null)}
                >
                  {t('variables.cancel')}
                </button>
              </dd>
            </form>
          ) : (
            <div key={v.key} className="variable">
              <dt>{v.key}</dt>
              <dd>
                <span>{v.value}</span>
                {editable && (
                  <button
                    type="button"
                    className="inbox-link-button"
                    aria-label={t('variables.editKey', { key: v.key })}
                    onClick={() => setEditing(v.key)}
                  >
                    {t('variables.edit')}
                  </button>
                )}
              </dd>
            </div>
          ),
        )}
      </dl>
      {adding && (
        <form className="variable-add" onSubmit={submit}>
          <input
            name="key"
            placeholder={t('variables.namePlaceholder')}
            aria-label={t('variables.nameLabel')}
            required
          />
          <input
            name="value"
            placeholder={t('variables.valuePlaceholder')}
            aria-label={t('variables.valueLabel')}
          />
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {t('variables.submitAdd')}
          </button>
          <button type="button" className="button button-quiet" onClick={() => setAdding(false)}>
            {t('variables.cancel')}
          </button>
        </form>
      )}
      <FormError error={save.error ?? vars.error} />
    </section>
  );
}
