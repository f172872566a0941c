import { useTranslation } from 'react-i18next';
import { Field } from '../../../../../components/field';
import { SelectField, TextAreaField } from '../../../../../components/form-controls';
import { choiceColumns, type KindProps, rowsOf, str } from './field-kit';
import { errorsUnder, RowsEditor } from './rows-editor';

/** A message node's content: text, reply buttons, a list or media, each with its own fields. */
export function MessageFields(p: KindProps) {
  const { t } = useTranslation('flows');
  const content = (p.node.content ?? { type: 'text' }) as Record<string, unknown>;
  const errors = errorsUnder(p.errors, 'content');
  const set = (fields: Record<string, unknown>, key: string) =>
    p.patch({ content: { ...content, ...fields } }, `content.${key}`);
  const type = str(content.type);
  return (
    <>
      <SelectField
        label={t('message.sends')}
        name="contentType"
        value={type}
        onChange={(e) => {
          const type = e.currentTarget.value;
          const text = str(content.text);
          const button = t('message.listButtonDefault');
          const next: Record<string, Record<string, unknown>> = {
            text: { type, text },
            buttons: { type, text, buttons: [{ id: '1', title: '' }] },
            list: { type, text, button, rows: [{ id: '1', title: '' }] },
            media: { type, mediaType: 'image', url: '' },
          };
          p.patch({ content: next[type] }, 'content.type');
        }}
      >
        {(['text', 'buttons', 'list', 'media'] as const).map((type) => (
          <option key={type} value={type}>
            {t(`message.types.${type}`)}
          </option>
        ))}
      </SelectField>
      {type !== 'media' ? (
        <TextAreaField
          label={t('message.text')}
          name="text"
          rows={3}
          value={str(content.text)}
          error={errors.text}
          onChange={(e) => set({ text: e.currentTarget.value }, 'text')}
        />
      ) : (
        <>
          <SelectField
            label={t('message.mediaType')}
            name="mediaType"
            value={str(content.mediaType)}
            onChange={(e) => set({ mediaType: e.currentTarget.value }, 'mediaType')}
          >
            {(['image', 'video', 'audio', 'document'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`message.mediaTypes.${m}`)}
              </option>
            ))}
          </SelectField>
          <Field
            label={t('message.url')}
            name="url"
            value={str(content.url)}
            error={errors.url}
            onChange={(e) => set({ url: e.currentTarget.value }, 'url')}
          />
          <Field
            label={t('message.caption')}
            name="caption"
            value={str(content.caption)}
            error={errors.caption}
            onChange={(e) => set({ caption: e.currentTarget.value || undefined }, 'caption')}
          />
        </>
      )}
      {type === 'buttons' && (
        <RowsEditor
          legend={t('message.buttons')}
          noun={t('message.buttonNoun')}
          columns={choiceColumns(t)}
          rows={rowsOf(content.buttons)}
          max={3}
          blank={(i) => ({ id: String(i + 1), title: '' })}
          errors={errorsUnder(errors, 'buttons')}
          error={errors.buttons}
          onChange={(buttons) => set({ buttons }, 'buttons')}
        />
      )}
      {type === 'list' && (
        <>
          <Field
            label={t('message.listButton')}
            name="button"
            value={str(content.button)}
            error={errors.button}
            onChange={(e) => set({ button: e.currentTarget.value }, 'button')}
          />
          <RowsEditor
            legend={t('message.rows')}
            noun={t('message.rowNoun')}
            columns={[...choiceColumns(t), { key: 'description', label: t('choice.description') }]}
            rows={rowsOf(content.rows)}
            max={10}
            blank={(i) => ({ id: String(i + 1), title: '' })}
            errors={errorsUnder(errors, 'rows')}
            error={errors.rows}
            onChange={(rows) =>
              set(
                {
                  rows: rows.map(({ description, ...r }) =>
                    description ? { ...r, description } : r,
                  ),
                },
                'rows',
              )
            }
          />
        </>
      )}
    </>
  );
}
