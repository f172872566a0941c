import { useMutation, useQuery } from '@tanstack/react-query';
import { Dialog } from '../../../../components/dialog';
import { DialogForm } from '../../../../components/dialog-form';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { SelectField, TextAreaField } from '../../../../components/form-controls';
import { useRefresh } from '../../../../components/use-refresh';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';
import { LANGUAGES, type Language, languageLabel } from './can-edit';

export type ArticleRow = RouterOutputs['knowledge']['articles']['list']['data'][number];

const FIELDS = [
  { name: 'title', label: 'Title' },
  { name: 'body', label: 'Body' },
  { name: 'language', label: 'Language' },
  { name: 'status', label: 'Status' },
];

interface Props {
  collectionId: number;
  /** The article to edit; its body is fetched (the list leaves bodies out). */
  article?: ArticleRow;
  /** An agent reads the article; only supervisors and admins edit it. */
  readOnly?: boolean;
  onClose: () => void;
}

/** Writes a new article in a collection, or edits one: title, Markdown body, language, status. */
export function ArticleForm({ collectionId, article, readOnly, onClose }: Props) {
  const full = useQuery({
    ...trpc.knowledge.articles.get.queryOptions({ id: article?.id ?? 0 }),
    enabled: article !== undefined,
  });
  const done = useRefresh(trpc.knowledge.pathFilter(), onClose);
  const create = useMutation(trpc.knowledge.articles.create.mutationOptions(done));
  const update = useMutation(trpc.knowledge.articles.update.mutationOptions(done));
  const save = article ? update : create;
  const errors = formErrors(save.error, FIELDS);
  if (article && !full.data) {
    return (
      <DialogForm
        title={`Edit article ${article.title}`}
        onClose={onClose}
        stack
        onSubmit={() => {}}
        error={full.error ? String(full.error.message) : null}
        submitLabel="Save article"
        pending
      >
        <p role="status">Loading the article…</p>
      </DialogForm>
    );
  }

  if (readOnly && full.data) {
    return (
      <Dialog title={full.data.title} onClose={onClose} wide>
        <p className="kb-origin">{languageLabel(full.data.language)}</p>
        <pre className="kb-body">{full.data.body}</pre>
      </Dialog>
    );
  }

  const submit = (form: FormData) => {
    const values = {
      title: String(form.get('title') ?? ''),
      body: String(form.get('body') ?? ''),
      language: String(form.get('language')) as Language,
      status: form.get('status') === 'published' ? ('published' as const) : ('draft' as const),
    };
    if (article) update.mutate({ id: article.id, patch: values });
    else create.mutate({ collectionId, ...values });
  };

  return (
    <DialogForm
      title={article ? `Edit article ${article.title}` : 'New article'}
      onClose={onClose}
      wide
      onSubmit={submit}
      error={errors.form}
      submitLabel={article ? 'Save article' : 'Create article'}
      pending={save.isPending}
    >
      <div className="span-2">
        <Field
          label="Title"
          name="title"
          defaultValue={full.data?.title}
          required
          maxLength={200}
          autoFocus
          error={errors.fields.title}
        />
      </div>
      <SelectField
        label="Language"
        name="language"
        defaultValue={full.data?.language ?? 'en'}
        hint="Picks the search dictionary (stemming) for this article."
        error={errors.fields.language}
      >
        {LANGUAGES.map((l) => (
          <option key={l.value} value={l.value}>
            {l.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Status"
        name="status"
        defaultValue={full.data?.status ?? 'published'}
        hint="Only published articles are searched; a draft is kept out of answers."
        error={errors.fields.status}
      >
        <option value="published">Published</option>
        <option value="draft">Draft</option>
      </SelectField>
      <div className="span-2">
        <TextAreaField
          label="Body"
          name="body"
          rows={12}
          maxLength={200_000}
          defaultValue={full.data?.body}
          hint="Markdown. Headings (#, ##) split the article into the passages the bot quotes."
          error={errors.fields.body}
        />
      </div>
    </DialogForm>
  );
}
