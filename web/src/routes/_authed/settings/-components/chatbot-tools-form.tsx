import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { DialogForm } from '../../../../components/dialog-form';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { CheckboxField, SelectField, TextAreaField } from '../../../../components/form-controls';
import { useRefresh } from '../../../../components/use-refresh';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';
import { filled, KeyValues, type Pair } from './key-values';

export type ChatbotTool = RouterOutputs['botTools']['list'][number];

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

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

const EXAMPLE_PARAMETERS = JSON.stringify(
  {
    type: 'object',
    properties: { orderId: { type: 'string', description: 'The order number' } },
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

function parseParameters(text: string): Record<string, unknown> | string {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // said below
  }
  return 'Parameters must be a JSON object (a JSON Schema of type object)';
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
  const [parametersError, setParametersError] = useState<string>();
  const done = useRefresh(trpc.botTools.pathFilter(), onClose);
  const create = useMutation(trpc.botTools.create.mutationOptions(done));
  const update = useMutation(trpc.botTools.update.mutationOptions(done));
  const save = tool ? update : create;
  const errors = formErrors(save.error, FIELDS);

  const submit = (form: FormData) => {
    const parameters = parseParameters(String(form.get('parameters') ?? ''));
    setParametersError(typeof parameters === 'string' ? parameters : undefined);
    if (typeof parameters === 'string') return;
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
      title={tool ? `Edit tool ${tool.name}` : 'New tool'}
      onClose={onClose}
      wide
      onSubmit={submit}
      error={errors.form}
      submitLabel={tool ? 'Save tool' : 'Create tool'}
      pending={save.isPending}
    >
      <Field
        label="Name"
        name="name"
        defaultValue={tool?.name}
        required
        maxLength={64}
        pattern="[a-z][a-z0-9_]*"
        hint="What the model calls it: lower case, digits and _ (order_status)."
        error={errors.fields.name}
        autoFocus
      />
      <SelectField
        label="Method"
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
          label="Description"
          name="description"
          rows={2}
          maxLength={1000}
          required
          defaultValue={tool?.description}
          hint="Tells the model when to call it."
          error={errors.fields.description}
        />
      </div>
      <div className="span-2">
        <Field
          label="URL"
          name="urlTemplate"
          defaultValue={tool?.urlTemplate}
          required
          maxLength={2000}
          hint="https://api.example.com/orders/{orderId}: each {parameter} is filled in, URL-encoded. Other parameters go in the query (GET, DELETE) or a JSON body."
          error={errors.fields.urlTemplate}
        />
      </div>
      <div className="span-2">
        <TextAreaField
          label="Parameters"
          name="parameters"
          rows={6}
          className="code"
          defaultValue={tool ? JSON.stringify(tool.parameters, null, 2) : EXAMPLE_PARAMETERS}
          hint="A JSON Schema of an object: the arguments the model must give."
          error={parametersError ?? errors.fields.parameters}
        />
      </div>
      <div className="span-2">
        <KeyValues
          legend="Headers"
          hint={
            tool
              ? 'Values are stored encrypted and never shown: leave a value empty to keep it.'
              : 'Sent with every call (an API key, say); stored encrypted and never shown again.'
          }
          pairs={headers}
          onChange={setHeaders}
          secret
          error={errors.fields.headers}
        />
      </div>
      <Field
        label="Timeout"
        name="timeoutMs"
        type="number"
        min={100}
        max={15000}
        step={100}
        defaultValue={tool?.timeoutMs ?? 5000}
        hint="Milliseconds, 100 to 15000."
        error={errors.fields.timeoutMs}
      />
      <CheckboxField
        label="Enabled"
        name="enabled"
        switch
        defaultChecked={tool?.enabled ?? true}
        hint="Off: the model is not offered it."
        error={errors.fields.enabled}
      />
      <TextAreaField
        label="Response fields"
        name="responseFields"
        rows={3}
        defaultValue={tool?.responseFields.join('\n')}
        hint="Dot paths the model sees (order.status), one per line; empty: the whole answer."
        error={errors.fields.responseFields}
      />
      <TextAreaField
        label="Allowed private hosts"
        name="allowedHosts"
        rows={3}
        defaultValue={tool?.allowedHosts.join('\n')}
        hint="Hosts on your own network the tool may reach; any other private address is refused."
        error={errors.fields.allowedHosts}
      />
    </DialogForm>
  );
}
