import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { DialogForm } from '../../../../components/dialog-form';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { CheckboxField, SelectField, TextAreaField } from '../../../../components/form-controls';
import { formText } from '../../../../components/search-params';
import { useRefresh } from '../../../../components/use-refresh';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';
import {
  checkedCollections,
  KnowledgeCollectionsPicker,
  ResponderLine,
} from './knowledge-collections';

export type Chatbot = RouterOutputs['chatbots']['list'][number];

const FIELDS = [
  { name: 'name', label: 'Name' },
  { name: 'model', label: 'Model' },
  { name: 'temperature', label: 'Temperature' },
  { name: 'aiEnabled', label: 'AI replies' },
  { name: 'systemPrompt', label: 'System prompt' },
  { name: 'greeting', label: 'Greeting' },
  { name: 'allowedOrigins', label: 'Allowed origins' },
  { name: 'widgetColor', label: 'Widget colour' },
  { name: 'widgetTitle', label: 'Widget title' },
  { name: 'widgetPosition', label: 'Widget position' },
];

function badOrigin(lines: string[]): string | undefined {
  const bad = lines.find((line) => {
    try {
      return !/^https?:$/.test(new URL(line).protocol);
    } catch {
      return true;
    }
  });
  return bad === undefined ? undefined : `"${bad}" is not a URL such as https://example.com`;
}

/**
 * Creates a chatbot, or edits `chatbot`: prompt, model, AI switch, greeting, the widget's look,
 * the knowledge collections it answers from, origins; an existing one says which responder
 * answers for it.
 */
export function ChatbotForm({ chatbot, onClose }: { chatbot?: Chatbot; onClose: () => void }) {
  const [originError, setOriginError] = useState<string>();
  const done = useRefresh([trpc.chatbots.pathFilter(), trpc.knowledge.pathFilter()], onClose);
  const create = useMutation(trpc.chatbots.create.mutationOptions());
  const update = useMutation(trpc.chatbots.update.mutationOptions());
  const link = useMutation(trpc.knowledge.chatbots.set.mutationOptions(done));
  const save = chatbot ? update : create;
  const errors = formErrors(save.error ?? link.error, FIELDS);

  const submit = (form: FormData) => {
    const origins = String(form.get('allowedOrigins') ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    setOriginError(badOrigin(origins));
    if (badOrigin(origins)) return;
    const values = {
      name: String(form.get('name') ?? ''),
      model: String(form.get('model') ?? ''),
      temperature: Number(form.get('temperature')),
      aiEnabled: form.get('aiEnabled') === 'on',
      systemPrompt: String(form.get('systemPrompt') ?? ''),
      greeting: formText(form, 'greeting'),
      allowedOrigins: origins,
      widgetColor: String(form.get('widgetColor') ?? '').trim(),
      widgetTitle: String(form.get('widgetTitle') ?? ''),
      widgetPosition: form.get('widgetPosition') === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    } as const;
    const collectionIds = checkedCollections(form);
    // Two calls: the chatbot (in the workspace-admin contract's shape), then its collections.
    const saved = chatbot
      ? update.mutateAsync({ id: chatbot.id, patch: values })
      : create.mutateAsync(values);
    saved.then(
      (bot) => link.mutate({ chatbotId: bot.id, collectionIds }),
      // The failed mutation's error is already shown on the form.
      () => {},
    );
  };

  return (
    <DialogForm
      title={chatbot ? `Edit chatbot ${chatbot.name}` : 'New chatbot'}
      onClose={onClose}
      wide
      onSubmit={submit}
      error={errors.form}
      submitLabel={chatbot ? 'Save chatbot' : 'Create chatbot'}
      pending={save.isPending || link.isPending}
    >
      {chatbot && (
        <div className="span-2">
          <ResponderLine chatbotId={chatbot.id} />
        </div>
      )}
      <Field
        label="Name"
        name="name"
        defaultValue={chatbot?.name}
        required
        maxLength={100}
        autoFocus
        error={errors.fields.name}
      />
      <Field
        label="Model"
        name="model"
        defaultValue={chatbot?.model ?? 'gpt-4o-mini'}
        required
        maxLength={100}
        hint="The model called when the server has an OPENAI_API_KEY and AI replies are on."
        error={errors.fields.model}
      />
      <Field
        label="Temperature"
        name="temperature"
        type="number"
        min={0}
        max={2}
        step={0.1}
        defaultValue={chatbot?.temperature ?? 0.3}
        required
        error={errors.fields.temperature}
      />
      <CheckboxField
        label="AI replies"
        name="aiEnabled"
        switch
        defaultChecked={chatbot?.aiEnabled ?? true}
        error={errors.fields.aiEnabled}
        hint="Off: the bot stays silent and conversations wait for an agent."
      />
      <div className="span-2">
        <TextAreaField
          label="System prompt"
          name="systemPrompt"
          rows={5}
          maxLength={20000}
          defaultValue={chatbot?.systemPrompt}
          error={errors.fields.systemPrompt}
        />
      </div>
      <div className="span-2">
        <TextAreaField
          label="Greeting"
          name="greeting"
          rows={2}
          maxLength={2000}
          defaultValue={chatbot?.greeting ?? ''}
          hint="The bot's first bubble in the widget, before the visitor writes; optional."
          error={errors.fields.greeting}
        />
      </div>
      <Field
        label="Widget title"
        name="widgetTitle"
        defaultValue={chatbot?.widgetTitle ?? 'Chat with us'}
        required
        maxLength={60}
        hint="The heading of the chat window on your website."
        error={errors.fields.widgetTitle}
      />
      <Field
        label="Widget colour"
        name="widgetColor"
        defaultValue={chatbot?.widgetColor ?? '#2563eb'}
        required
        maxLength={7}
        hint="The bubble, header and the visitor's messages, as #rrggbb."
        error={errors.fields.widgetColor}
      />
      <SelectField
        label="Widget position"
        name="widgetPosition"
        defaultValue={chatbot?.widgetPosition ?? 'bottom-right'}
        error={errors.fields.widgetPosition}
      >
        <option value="bottom-right">Bottom right</option>
        <option value="bottom-left">Bottom left</option>
      </SelectField>
      <div className="span-2">
        <KnowledgeCollectionsPicker chatbotId={chatbot?.id} />
      </div>
      <div className="span-2">
        <TextAreaField
          label="Allowed origins"
          name="allowedOrigins"
          rows={3}
          defaultValue={chatbot?.allowedOrigins.join('\n')}
          hint="Websites that may show the widget, one per line (https://example.com)."
          error={originError ?? errors.fields.allowedOrigins}
        />
      </div>
    </DialogForm>
  );
}
