import { Field } from '../../../../components/field';
import { TextAreaField } from '../../../../components/form-controls';
import { RowButton } from '../../../../components/row-actions';

export interface FaqDraft {
  keywords: string;
  answer: string;
}

/** FAQ entries: comma-separated keywords and the answer the built-in responder gives. */
export function FaqEditor({
  entries,
  onChange,
  error,
}: {
  entries: FaqDraft[];
  onChange: (entries: FaqDraft[]) => void;
  error?: string;
}) {
  const set = (index: number, entry: FaqDraft) =>
    onChange(entries.map((e, i) => (i === index ? entry : e)));
  return (
    <fieldset className="fieldset">
      <legend>FAQ entries</legend>
      <p className="field-hint">
        When a message contains one of the keywords, the bot answers with the entry's answer.
      </p>
      {error && <p className="field-error">{error}</p>}
      {entries.map((entry, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: drafts have no id; rows are only appended or removed
        <div key={index} className="faq-row">
          <Field
            label={`Keywords of entry ${index + 1}`}
            name={`faq-keywords-${index}`}
            value={entry.keywords}
            required
            hint="Comma-separated"
            onChange={(e) => set(index, { ...entry, keywords: e.currentTarget.value })}
          />
          <TextAreaField
            label={`Answer of entry ${index + 1}`}
            name={`faq-answer-${index}`}
            value={entry.answer}
            required
            maxLength={4000}
            rows={2}
            onChange={(e) => set(index, { ...entry, answer: e.currentTarget.value })}
          />
          <RowButton
            label="Remove"
            name={`Remove entry ${index + 1}`}
            onClick={() => onChange(entries.filter((_, i) => i !== index))}
          />
        </div>
      ))}
      <div>
        <button
          type="button"
          className="button"
          onClick={() => onChange([...entries, { keywords: '', answer: '' }])}
        >
          Add FAQ entry
        </button>
      </div>
    </fieldset>
  );
}

export const toDrafts = (faq: { keywords: string[]; answer: string }[]): FaqDraft[] =>
  faq.map((f) => ({ keywords: f.keywords.join(', '), answer: f.answer }));

export const fromDrafts = (drafts: FaqDraft[]) =>
  drafts.map((d) => ({
    keywords: d.keywords
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    answer: d.answer.trim(),
  }));
