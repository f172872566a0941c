import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { CopyButton } from '../../../../components/copy-button';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { FormAlert } from '../../../../components/form-error';
import { trpc } from '../../../../lib/trpc';

const FIELDS = [{ name: 'name', label: 'Key name' }];

/** Creates an API key and shows it this once: only its hash is stored. */
export function NewApiKey() {
  const queryClient = useQueryClient();
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
      <h2 id="new-key-title">New API key</h2>
      <form className="inline-form" onSubmit={submit}>
        <Field
          label="Key name"
          name="name"
          required
          maxLength={100}
          hint="What will use it, e.g. “Billing system”."
          error={errors.fields.name}
        />
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
      </form>
      <FormAlert message={errors.form} />
      {create.data && (
        <div className="new-key" role="status">
          <p>
            <strong>Copy the key for “{create.data.name}” now:</strong> it is not shown again.
          </p>
          <div className="snippet-row">
            <code className="code">{create.data.key}</code>
            <CopyButton text={create.data.key} name="Copy the new API key" />
            <button type="button" className="button button-quiet" onClick={() => create.reset()}>
              I have copied it
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
