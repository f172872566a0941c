import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { CopyButton } from '../../../../components/copy-button';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { FormAlert } from '../../../../components/form-error';
import { trpc } from '../../../../lib/trpc';

// The English label: the server's messages, which it prefixes and is matched against, are English.
const FIELDS = [{ name: 'name', label: 'Key name' }];

/** Creates an API key and shows it this once: only its hash is stored. */
export function NewApiKey() {
  const queryClient = useQueryClient();
  const { t } = useTranslation('settings');
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      // The key must not linger in the mutation cache once this panel is gone.
      gcTime: 0,
      onSuccess: () => queryClient.invalidateQueries(trpc.apiKeys.pathFilter()),
    }),
  );
  const errors = formErrors(create.error, FIELDS);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    create.mutate(
      { name: String(new FormData(form).get('name') ?? '') },
      { onSuccess: () => form.reset() },
    );
  };
  return (
    <section className="section" aria-labelledby="new-key-title">
      <h2 id="new-key-title">{t('apiKeys.newTitle')}</h2>
      <form className="inline-form" onSubmit={submit}>
        <Field
          label={t('apiKeys.keyName')}
          name="name"
          required
          maxLength={100}
          hint={t('apiKeys.keyNameHint')}
          error={errors.fields.name}
        />
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? t('apiKeys.creating') : t('apiKeys.create')}
        </button>
      </form>
      <FormAlert message={errors.form} />
      {create.data && (
        <div className="new-key" role="status">
          <p>
            <Trans
              t={t}
              i18nKey="apiKeys.copyNow"
              values={{ name: create.data.name }}
              components={{ strong: <strong /> }}
            />
          </p>
          <div className="snippet-row">
            <code className="code">{create.data.key}</code>
            <CopyButton text={create.data.key} name={t('apiKeys.copyKey')} />
            <button type="button" className="button button-quiet" onClick={() => create.reset()}>
              {t('apiKeys.copied')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
