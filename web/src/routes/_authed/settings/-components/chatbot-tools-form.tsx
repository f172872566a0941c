import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../../../components/dialog-form';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { CheckboxField, SelectField, TextAreaField } from '../../../../components/form-controls';
import { useRefresh } from '../../../../components/use-refresh';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';
import { filled, KeyValues, type Pair } from './key-values';

export type ChatbotTool = RouterOutputs['botTools']['list'][number];

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

// English labels: the server's messages, which they prefix and are matched against, are English.
const FIELDS = [
  { name: 'name', label: 'Name' },
  { name: 'description', label: 'Description' },
  { name: 'method', label: 'Method' },
  { name: 'urlTemplate', label: 'URL' },
  { name: 'parameters', label: 'Parameters' },
  { name: 'headers', label: 'Headers' },
  { name: 'timeoutMs', label: 'Timeout' },
  { name: 'responseFields', label: 'Response fields' },
  { name: 'allowedHosts', label: 'Allowed private hosts' },
  { name: 'enabled', label: 'Enabled' },
];

/** A new tool's parameters, to be edited: one string argument, described in `description`. */
const exampleParameters = (description: string) =>
  JSON.stringify(
    {
      type: 'object',
      properties: { orderId: { type: 'string', description } },
      required: ['orderId'],
    },
    null,
    2,
  );

const lines = (form: FormData, name: string) =>
  String(form.get(name) ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The parameters typed, or null when they are not a JSON object. */
function parseParameters(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // said below
  }
  return null;
}

interface Props {
  chatbotId: string;
  tool?: ChatbotTool;
  onClose: () => void;
}

/**
 * Creates a tool of one chatbot, or edits `tool`. Header values are write-only: an edit shows
 * each header's name with an empty value, and an empty value keeps the stored one.
 */
export function ChatbotToolForm({ chatbotId, tool, onClose }: Props) {
  const [headers, setHeaders] = useState<Pair[]>(
    tool?.headerNames.map((key) => ({ key, value: '' })) ?? [],
  );
  const { t } = useTranslation('settings');
  const [badParameters, setBadParameters] = useState(false);
  const done = useRefresh(trpc.botTools.pathFilter(), onClose);
  const create = useMutation(trpc.botTools.create.mutationOptions(done));
  const update = useMutation(trpc.botTools.update.mutationOptions(done));
  const save = tool ? update : create;
  const errors = formErrors(save.error, FIELDS);

  const submit = (form: FormData) => {
    const parameters = parseParameters(String(form.get('parameters') ?? ''));
    setBadParameters(!parameters);
    if (!parameters) return;
    const values = {
      name: String(form.get('name') ?? '').trim(),
      description: String(form.get('description') ?? ''),
      method: String(form.get('method')) as (typeof METHODS)[number],
      urlTemplate: String(form.get('urlTemplate') ?? ''),
      parameters,
      headers: filled(headers).map((h) =>
        h.value ? { name: h.key.trim(), value: h.value } : { name: h.key.trim() },
      ),
      timeoutMs: Number(form.get('timeoutMs')),
      responseFields: lines(form, 'responseFields'),
      allowedHosts: lines(form, 'allowedHosts'),
      enabled: form.get('enabled') === 'on',
    };
    if (tool) update.mutate({ id: tool.id, patch: values });
    else
      create.mutate({
        ...values,
        chatbotId,
        headers: values.headers.map((h) => ({ name: h.name, value: h.value ?? '' })),
      });
  };

  return (
    <DialogForm
      title={tool ? t('tools.form.editTitle', { name: tool.name }) : t('tools.new')}
      onClose={onClose}
      wide
      onSubmit={submit}
      error={errors.form}
      submitLabel={tool ? t('tools.form.save') : t('tools.form.create')}
      pending={save.isPending}
    >
      <Field
        label={t('tools.form.name')}
        name="name"
        defaultValue={tool?.name}
        required
        maxLength={64}
        pattern="[a-z][a-z0-9_]*"
        hint={t('tools.form.nameHint')}
        error={errors.fields.name}
        autoFocus
      />
      <SelectField
        label={t('tools.form.method')}
        name="method"
        defaultValue={tool?.method ?? 'GET'}
        error={errors.fields.method}
      >
        {METHODS.map((m) => (
          <option key={m}>{m}</option>
        ))}
      </SelectField>
      <div className="span-2">
        <TextAreaField
          label={t('tools.form.description')}
          name="description"
          rows={2}
          maxLength={1000}
          required
          defaultValue={tool?.description}
          hint={t('tools.form.descriptionHint')}
          error={errors.fields.description}
        />
      </div>
      <div className="span-2">
        <Field
          label={t('tools.form.url')}
          name="urlTemplate"
          defaultValue={tool?.urlTemplate}
          required
          maxLength={2000}
          hint={t('tools.form.urlHint')}
          error={errors.fields.urlTemplate}
        />
      </div>
      <div className="span-2">
        <TextAreaField
          label={t('tools.form.parameters')}
          name="parameters"
          rows={6}
          className="code"
          defaultValue={
            tool
              ? JSON.stringify(tool.parameters, null, 2)
              : exampleParameters(t('tools.form.exampleOrderId'))
          }
          hint={t('tools.form.parametersHint')}
          error={badParameters ? t('tools.form.parametersNotObject') : errors.fields.parameters}
        />
      </div>
      <div className="span-2">
        <KeyValues
          kind="header"
          hint={tool ? t('tools.form.headersStoredHint') : t('tools.form.headersHint')}
          pairs={headers}
          onChange={setHeaders}
          secret
          error={errors.fields.headers}
        />
      </div>
      <Field
        label={t('tools.form.timeout')}
        name="timeoutMs"
        type="number"
        min={100}
        max={15000}
        step={100}
        defaultValue={tool?.timeoutMs ?? 5000}
        hint={t('tools.form.timeoutHint')}
        error={errors.fields.timeoutMs}
      />
      <CheckboxField
        label={t('tools.form.enabled')}
        name="enabled"
        switch
        defaultChecked={tool?.enabled ?? true}
        hint={t('tools.form.enabledHint')}
        error={errors.fields.enabled}
      />
      <TextAreaField
        label={t('tools.form.responseFields')}
        name="responseFields"
        rows={3}
        defaultValue={tool?.responseFields.join('\n')}
        hint={t('tools.form.responseFieldsHint')}
        error={errors.fields.responseFields}
      />
      <TextAreaField
        label={t('tools.form.allowedHosts')}
        name="allowedHosts"
        rows={3}
        defaultValue={tool?.allowedHosts.join('\n')}
        hint={t('tools.form.allowedHostsHint')}
        error={errors.fields.allowedHosts}
      />
    </DialogForm>
  );
}
