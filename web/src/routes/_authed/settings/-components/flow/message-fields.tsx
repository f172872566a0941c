import { Field } from '../../../../../components/field';
import { SelectField, TextAreaField } from '../../../../../components/form-controls';
import { CHOICE_COLUMNS, type KindProps, rowsOf, str } from './field-kit';
import { errorsUnder, RowsEditor } from './rows-editor';

/** A message node's content: text, reply buttons, a list or media, each with its own fields. */
export function MessageFields(p: KindProps) {
  const content = (p.node.content ?? { type: 'text' }) as Record<string, unknown>;
  const errors = errorsUnder(p.errors, 'content');
  const set = (fields: Record<string, unknown>, key: string) =>
    p.patch({ content: { ...content, ...fields } }, `content.${key}`);
  const type = str(content.type);
  return (
    <>
      <SelectField
        label="Sends"
        name="contentType"
        value={type}
        onChange={(e) => {
          const t = e.currentTarget.value;
          const text = str(content.text);
          const next: Record<string, Record<string, unknown>> = {
            text: { type: t, text },
            buttons: { type: t, text, buttons: [{ id: '1', title: '' }] },
            list: { type: t, text, button: 'Options', rows: [{ id: '1', title: '' }] },
            media: { type: t, mediaType: 'image', url: '' },
          };
          p.patch({ content: next[t] }, 'content.type');
        }}
      >
        <option value="text">Text</option>
        <option value="buttons">Text with reply buttons</option>
        <option value="list">Text with a list</option>
        <option value="media">Media</option>
      </SelectField>
      {type !== 'media' ? (
        <TextAreaField
          label="Text"
          name="text"
          rows={3}
          value={str(content.text)}
          error={errors.text}
          onChange={(e) => set({ text: e.currentTarget.value }, 'text')}
        />
      ) : (
        <>
          <SelectField
            label="Media type"
            name="mediaType"
            value={str(content.mediaType)}
            onChange={(e) => set({ mediaType: e.currentTarget.value }, 'mediaType')}
          >
            {['image', 'video', 'audio', 'document'].map((m) => (
              <option key={m}>{m}</option>
            ))}
          </SelectField>
          <Field
            label="Media URL"
            name="url"
            value={str(content.url)}
            error={errors.url}
            onChange={(e) => set({ url: e.currentTarget.value }, 'url')}
          />
          <Field
            label="Caption"
            name="caption"
            value={str(content.caption)}
            error={errors.caption}
            onChange={(e) => set({ caption: e.currentTarget.value || undefined }, 'caption')}
          />
        </>
      )}
      {type === 'buttons' && (
        <RowsEditor
          legend="Reply buttons"
          noun="button"
          columns={CHOICE_COLUMNS}
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
            label="List button"
            name="button"
            value={str(content.button)}
            error={errors.button}
            onChange={(e) => set({ button: e.currentTarget.value }, 'button')}
          />
          <RowsEditor
            legend="List rows"
            noun="row"
            columns={[...CHOICE_COLUMNS, { key: 'description', label: 'Description' }]}
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
