import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale, LOCALE_NAMES, LOCALES } from '../../../../../../shared/i18n/locales';
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
  { name: 'csatEnabled', label: 'csatEnabled' },
  { name: 'language', label: 'Language' },
];

/** The first line that is not an http(s) URL. */
function badOrigin(lines: string[]): string | undefined {
  const bad = lines.find((line) => {
    try {
      return !/^https?:$/.test(new URL(line).protocol);
    } catch {
      return true;
    }
  });
  return bad;
}

/**
 * Creates a chatbot, or edits `chatbot`: prompt, model, AI switch, greeting, the widget's look,
 * the knowledge collections it answers from, origins, the satisfaction survey and the language
 * it speaks to customers; an existing one says which responder answers for it.
 */
export function ChatbotForm({ chatbot, onClose }: { chatbot?: Chatbot; onClose: () => void }) {
  const { t } = useTranslation('csat');
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
    const bad = badOrigin(origins);
    setOriginError(bad === undefined ? undefined : t('chatbotForm.badOrigin', { origin: bad }));
    if (bad !== undefined) return;
    const language = String(form.get('language') ?? '');
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
      csatEnabled: form.get('csatEnabled') === 'on',
      language: isLocale(language) ? language : 'en',
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
      title={
        chatbot ? t('chatbotForm.titleEdit', { name: chatbot.name }) : t('chatbotForm.titleNew')
      }
      onClose={onClose}
      wide
      onSubmit={submit}
      error={errors.form}
      submitLabel={chatbot ? t('chatbotForm.save') : t('chatbotForm.create')}
      pending={save.isPending || link.isPending}
    >
      {chatbot && (
        <div className="span-2">
          <ResponderLine chatbotId={chatbot.id} />
        </div>
      )}
      <Field
        label={t('chatbotForm.name')}
        name="name"
        defaultValue={chatbot?.name}
        required
        maxLength={100}
        autoFocus
        error={errors.fields.name}
      />
      <Field
        label={t('chatbotForm.model')}
        name="model"
        defaultValue={chatbot?.model ?? 'gpt-4o-mini'}
        required
        maxLength={100}
        hint={t('chatbotForm.modelHint')}
        error={errors.fields.model}
      />
      <Field
        label={t('chatbotForm.temperature')}
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
        label={t('chatbotForm.aiEnabled')}
        name="aiEnabled"
        switch
        defaultChecked={chatbot?.aiEnabled ?? true}
        error={errors.fields.aiEnabled}
        hint={t('chatbotForm.aiEnabledHint')}
      />
      <div className="span-2">
        <TextAreaField
          label={t('chatbotForm.systemPrompt')}
          name="systemPrompt"
          rows={5}
          maxLength={20000}
          defaultValue={chatbot?.systemPrompt}
          error={errors.fields.systemPrompt}
        />
      </div>
      <div className="span-2">
        <TextAreaField
          label={t('chatbotForm.greeting')}
          name="greeting"
          rows={2}
          maxLength={2000}
          defaultValue={chatbot?.greeting ?? ''}
          hint={t('chatbotForm.greetingHint')}
          error={errors.fields.greeting}
        />
      </div>
      <Field
        label={t('chatbotForm.widgetTitle')}
        name="widgetTitle"
        defaultValue={chatbot?.widgetTitle ?? 'Chat with us'}
        required
        maxLength={60}
        hint={t('chatbotForm.widgetTitleHint')}
        error={errors.fields.widgetTitle}
      />
      <Field
        label={t('chatbotForm.widgetColor')}
        name="widgetColor"
        defaultValue={chatbot?.widgetColor ?? '#2563eb'}
        required
        maxLength={7}
        hint={t('chatbotForm.widgetColorHint')}
        error={errors.fields.widgetColor}
      />
      <SelectField
        label={t('chatbotForm.widgetPosition')}
        name="widgetPosition"
        defaultValue={chatbot?.widgetPosition ?? 'bottom-right'}
        error={errors.fields.widgetPosition}
      >
        <option value="bottom-right">{t('chatbotForm.bottomRight')}</option>
        <option value="bottom-left">{t('chatbotForm.bottomLeft')}</option>
      </SelectField>
      <SelectField
        label={t('chatbotForm.language')}
        name="language"
        defaultValue={chatbot?.language ?? 'en'}
        hint={t('chatbotForm.languageHint')}
        error={errors.fields.language}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </SelectField>
      <CheckboxField
        label={t('chatbotForm.csatEnabled')}
        name="csatEnabled"
        switch
        defaultChecked={chatbot?.csatEnabled ?? true}
        hint={t('chatbotForm.csatEnabledHint')}
        error={errors.fields.csatEnabled}
      />
      <div className="span-2">
        <KnowledgeCollectionsPicker chatbotId={chatbot?.id} />
      </div>
      <div className="span-2">
        <TextAreaField
          label={t('chatbotForm.allowedOrigins')}
          name="allowedOrigins"
          rows={3}
          defaultValue={chatbot?.allowedOrigins.join('\n')}
          hint={t('chatbotForm.allowedOriginsHint')}
          error={originError ?? errors.fields.allowedOrigins}
        />
      </div>
    </DialogForm>
  );
}
