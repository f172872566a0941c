import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { FormActions } from '../../../../components/form-actions';
import { CheckboxField, SelectField } from '../../../../components/form-controls';
import { FormAlert } from '../../../../components/form-error';
import { formText } from '../../../../components/search-params';
import { formatDateTime } from '../../../../lib/format';
import { trpc } from '../../../../lib/trpc';
import { type TagRoute, TagRoutes } from './tag-routes';

// English labels: they find the field in the server's (English) messages.
const FIELDS = [
  { name: 'enabled', label: 'Automatic assignment' },
  { name: 'strategy', label: 'Strategy' },
  { name: 'onlineOnly', label: 'Online agents only' },
  { name: 'defaultCapacity', label: 'Default capacity' },
  { name: 'intervalMinutes', label: 'Run every (minutes)' },
  { name: 'tagRoutes', label: 'Tag routes' },
];

/** The workspace's auto-assignment policy; saving replaces every field and all tag routes. */
export function PolicyForm() {
  const { t } = useTranslation('supervisor');
  const queryClient = useQueryClient();
  const { data: policy } = useSuspenseQuery(trpc.assignment.policy.queryOptions());
  const [routes, setRoutes] = useState<TagRoute[]>(policy.tagRoutes);
  const save = useMutation(
    trpc.assignment.updatePolicy.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.assignment.policy.queryKey(), saved);
        setRoutes(saved.tagRoutes);
      },
    }),
  );
  const errors = formErrors(save.error, FIELDS);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const capacity = formText(form, 'defaultCapacity');
    save.mutate({
      enabled: form.get('enabled') === 'on',
      strategy: form.get('strategy') === 'round_robin' ? 'round_robin' : 'least_loaded',
      onlineOnly: form.get('onlineOnly') === 'on',
      defaultCapacity: capacity === null ? null : Number(capacity),
      intervalMinutes: Number(form.get('intervalMinutes')),
      tagRoutes: routes.filter((r) => r.tagId > 0),
    });
  };

  return (
    <form className="section" onSubmit={submit} aria-labelledby="policy-title">
      <div className="section-header">
        <h2 id="policy-title">{t('policy.title')}</h2>
        <span className="muted">
          {policy.lastRunAt
            ? t('policy.lastRun', { when: formatDateTime(policy.lastRunAt) })
            : t('policy.neverRun')}
        </span>
      </div>
      <FormAlert message={errors.form} />
      {save.isSuccess && !save.isPending && (
        <p className="form-success" role="status">
          {t('policy.saved')}
        </p>
      )}
      <div className="form-grid">
        <CheckboxField
          label={t('policy.enabled')}
          name="enabled"
          switch
          defaultChecked={policy.enabled}
          error={errors.fields.enabled}
          hint={t('policy.enabledHint')}
        />
        <CheckboxField
          label={t('policy.onlineOnly')}
          name="onlineOnly"
          defaultChecked={policy.onlineOnly}
          error={errors.fields.onlineOnly}
          hint={t('policy.onlineOnlyHint')}
        />
        <SelectField
          label={t('policy.strategy')}
          name="strategy"
          defaultValue={policy.strategy}
          error={errors.fields.strategy}
        >
          <option value="least_loaded">{t('policy.leastLoaded')}</option>
          <option value="round_robin">{t('policy.roundRobin')}</option>
        </SelectField>
        <Field
          label={t('policy.interval')}
          name="intervalMinutes"
          type="number"
          min={1}
          max={1440}
          step={1}
          required
          defaultValue={policy.intervalMinutes}
          error={errors.fields.intervalMinutes}
        />
        <Field
          label={t('policy.capacity')}
          name="defaultCapacity"
          type="number"
          min={0}
          max={10000}
          step={1}
          defaultValue={policy.defaultCapacity ?? ''}
          hint={t('policy.capacityHint')}
          error={errors.fields.defaultCapacity}
        />
      </div>
      <TagRoutes routes={routes} onChange={setRoutes} error={errors.fields.tagRoutes} />
      <FormActions submitLabel={t('policy.save')} pending={save.isPending} />
    </form>
  );
}
