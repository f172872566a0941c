import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../../components/dialog';
import { DialogForm } from '../../../../components/dialog-form';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { SelectField, TextAreaField } from '../../../../components/form-controls';
import { useRefresh } from '../../../../components/use-refresh';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';
import { LANGUAGES, type Language, useLanguageLabel } from './can-edit';

export type ArticleRow = RouterOutputs['knowledge']['articles']['list']['data'][number];

// English labels: they find the field in the server's (English) messages.
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
  const { t } = useTranslation('knowledge');
  const languageLabel = useLanguageLabel();
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
        title={t('article.editTitle', { title: article.title })}
        onClose={onClose}
        stack
        onSubmit={() => {}}
        error={full.error ? String(full.error.message) : null}
        submitLabel={t('article.save')}
        pending
      >
        <p role="status">{t('article.loading')}</p>
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
      title={article ? t('article.editTitle', { title: article.title }) : t('article.newTitle')}
      onClose={onClose}
      wide
      onSubmit={submit}
      error={errors.form}
      submitLabel={article ? t('article.save') : t('article.create')}
      pending={save.isPending}
    >
      <div className="span-2">
        <Field
          label={t('article.title')}
          name="title"
          defaultValue={full.data?.title}
          required
          maxLength={200}
          autoFocus
          error={errors.fields.title}
        />
      </div>
      <SelectField
        label={t('article.language')}
        name="language"
        defaultValue={full.data?.language ?? 'en'}
        hint={t('article.languageHint')}
        error={errors.fields.language}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {languageLabel(l)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('article.status')}
        name="status"
        defaultValue={full.data?.status ?? 'published'}
        hint={t('article.statusHint')}
        error={errors.fields.status}
      >
        <option value="published">{t('status.published')}</option>
        <option value="draft">{t('status.draft')}</option>
      </SelectField>
      <div className="span-2">
        <TextAreaField
          label={t('article.body')}
          name="body"
          rows={12}
          maxLength={200_000}
          defaultValue={full.data?.body}
          hint={t('article.bodyHint')}
          error={errors.fields.body}
        />
      </div>
    </DialogForm>
  );
}
