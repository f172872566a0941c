import { useMutation, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel } from '../../../../../../shared/enums';
import { DialogForm } from '../../../../components/dialog-form';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { CheckboxField, SelectField } from '../../../../components/form-controls';
import { formText } from '../../../../components/search-params';
import { useRefresh } from '../../../../components/use-refresh';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';
import { CHANNEL_KEYS, CHANNEL_LABEL } from './channel-keys';
import { filled, KeyValues, type Pair } from './key-values';

export type Integration = RouterOutputs['integrations']['list'][number];

// English labels: the server's messages, which they prefix and are matched against, are English.
const FIELDS = [
  { name: 'channel', label: 'Channel' },
  { name: 'name', label: 'Name' },
  { name: 'phoneNumber', label: 'Phone number' },
  { name: 'defaultChatbotId', label: 'Chatbot' },
  { name: 'enabled', label: 'Enabled' },
  { name: 'config', label: 'Settings' },
  { name: 'credentials', label: 'Credentials' },
];

const blank = (keys: string[]): Pair[] => keys.map((key) => ({ key, value: '' }));

/** Settings keep their stored type when left as they were (a number stays a number). */
function configOf(pairs: Pair[], original: Record<string, unknown>) {
  return Object.fromEntries(
    filled(pairs).map(({ key, value }) => [
      key.trim(),
      key in original && String(original[key]) === value ? original[key] : value,
    ]),
  );
}

/** Creates a channel, or edits one. Credentials are write-only: typed anew to replace them. */
export function IntegrationForm({
  integration,
  onClose,
}: {
  integration?: Integration;
  onClose: () => void;
}) {
  const { data: chatbots } = useSuspenseQuery(trpc.chatbots.list.queryOptions());
  const { t } = useTranslation('settings');
  const [channel, setChannel] = useState<Channel>(integration?.channel ?? 'WIDGET');
  const [config, setConfig] = useState<Pair[]>(
    integration
      ? Object.entries(integration.config).map(([key, value]) => ({ key, value: String(value) }))
      : blank(CHANNEL_KEYS.WIDGET.config),
  );
  const [credentials, setCredentials] = useState<Pair[]>(
    blank(CHANNEL_KEYS[integration?.channel ?? 'WIDGET'].credentials),
  );
  const done = useRefresh(trpc.integrations.pathFilter(), onClose);
  const create = useMutation(trpc.integrations.create.mutationOptions(done));
  const update = useMutation(trpc.integrations.update.mutationOptions(done));
  const save = integration ? update : create;
  const errors = formErrors(save.error, FIELDS);

  const pickChannel = (next: Channel) => {
    setChannel(next);
    setConfig(blank(CHANNEL_KEYS[next].config));
    setCredentials(blank(CHANNEL_KEYS[next].credentials));
  };

  const submit = (form: FormData) => {
    const secrets = filled(credentials).filter((p) => p.value !== '');
    const values = {
      name: String(form.get('name') ?? ''),
      phoneNumber: formText(form, 'phoneNumber'),
      defaultChatbotId: formText(form, 'defaultChatbotId'),
      enabled: form.get('enabled') === 'on',
      config: configOf(config, integration?.config ?? {}),
      ...(form.get('clearCredentials') === 'on'
        ? { credentials: null }
        : secrets.length > 0
          ? { credentials: Object.fromEntries(secrets.map((p) => [p.key.trim(), p.value])) }
          : {}),
    };
    if (integration) update.mutate({ id: integration.id, patch: values });
    else create.mutate({ ...values, channel });
  };

  return (
    <DialogForm
      title={
        integration ? t('channels.form.editTitle', { name: integration.name }) : t('channels.new')
      }
      onClose={onClose}
      wide
      onSubmit={submit}
      error={errors.form}
      submitLabel={integration ? t('channels.form.save') : t('channels.form.create')}
      pending={save.isPending}
    >
      <SelectField
        label={t('channels.form.channel')}
        name="channel"
        value={channel}
        disabled={Boolean(integration)}
        onChange={(e) => pickChannel(e.currentTarget.value as Channel)}
        error={errors.fields.channel}
      >
        {CHANNELS.map((c) => (
          <option key={c} value={c}>
            {t(CHANNEL_LABEL[c])}
          </option>
        ))}
      </SelectField>
      <Field
        label={t('channels.form.name')}
        name="name"
        defaultValue={integration?.name}
        required
        maxLength={100}
        error={errors.fields.name}
      />
      <Field
        label={t('channels.form.phoneNumber')}
        name="phoneNumber"
        type="tel"
        maxLength={30}
        defaultValue={integration?.phoneNumber ?? ''}
        error={errors.fields.phoneNumber}
      />
      <SelectField
        label={t('channels.form.chatbot')}
        name="defaultChatbotId"
        defaultValue={integration?.defaultChatbotId ?? ''}
        hint={t('channels.form.chatbotHint')}
        error={errors.fields.defaultChatbotId}
      >
        <option value="">{t('channels.form.noChatbot')}</option>
        {chatbots.map((bot) => (
          <option key={bot.id} value={bot.id}>
            {bot.name}
          </option>
        ))}
      </SelectField>
      <CheckboxField
        label={t('channels.form.enabled')}
        name="enabled"
        switch
        defaultChecked={integration?.enabled ?? true}
        error={errors.fields.enabled}
      />
      <div className="span-2">
        <KeyValues
          kind="setting"
          pairs={config}
          onChange={setConfig}
          error={errors.fields.config}
          hint={t('channels.form.settingsHint')}
        />
      </div>
      <div className="span-2">
        <KeyValues
          kind="credential"
          pairs={credentials}
          onChange={setCredentials}
          secret
          error={errors.fields.credentials}
          hint={
            integration?.hasCredentials
              ? t('channels.form.credentialsStoredHint')
              : t('channels.form.credentialsHint')
          }
        />
        {integration?.hasCredentials && (
          <CheckboxField label={t('channels.form.clearCredentials')} name="clearCredentials" />
        )}
      </div>
    </DialogForm>
  );
}
