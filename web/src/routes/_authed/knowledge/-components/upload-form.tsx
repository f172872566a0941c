import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../../../components/dialog-form';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { SelectField } from '../../../../components/form-controls';
import { useRefresh } from '../../../../components/use-refresh';
import { trpc } from '../../../../lib/trpc';
import { LANGUAGES, type Language, useLanguageLabel } from './can-edit';
import { uploadDocument } from './upload-document';

/** The server's limit (server/services/knowledge/documents.ts), checked here before sending. */
const MAX_BYTES = 5 * 1024 * 1024;

/** Reads a Markdown, text, HTML or PDF file into one article; the server says why it cannot. */
export function UploadForm({
  collectionId,
  onClose,
}: {
  collectionId: number;
  onClose: () => void;
}) {
  const { t } = useTranslation('knowledge');
  const languageLabel = useLanguageLabel();
  const [tooBig, setTooBig] = useState<string | null>(null);
  const done = useRefresh(trpc.knowledge.pathFilter(), onClose);
  const upload = useMutation({ mutationFn: uploadDocument, ...done });
  // English labels: they find the field in the server's (English) messages.
  const errors = formErrors(upload.error, [
    { name: 'fileName', label: 'File name' },
    { name: 'title', label: 'Title' },
  ]);

  const submit = (form: FormData) => {
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setTooBig(t('upload.empty'));
      return;
    }
    if (file.size > MAX_BYTES) {
      setTooBig(t('upload.tooBig', { name: file.name }));
      return;
    }
    setTooBig(null);
    upload.mutate({
      collectionId,
      file,
      title: String(form.get('title') ?? '').trim() || undefined,
      language: String(form.get('language')) as Language,
      status: form.get('status') === 'draft' ? 'draft' : 'published',
    });
  };

  return (
    <DialogForm
      title={t('upload.title')}
      onClose={onClose}
      stack
      onSubmit={submit}
      error={errors.form}
      submitLabel={t('upload.submit')}
      pending={upload.isPending}
    >
      <Field
        label={t('upload.file')}
        name="file"
        type="file"
        accept=".md,.markdown,.txt,.html,.htm,.pdf,text/markdown,text/plain,text/html,application/pdf"
        required
        hint={t('upload.fileHint')}
        error={tooBig ?? errors.fields.fileName}
      />
      <Field
        label={t('upload.docTitle')}
        name="title"
        maxLength={200}
        hint={t('upload.docTitleHint')}
        error={errors.fields.title}
      />
      <SelectField label={t('upload.language')} name="language" defaultValue="en">
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {languageLabel(l)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('upload.status')} name="status" defaultValue="published">
        <option value="published">{t('status.published')}</option>
        <option value="draft">{t('status.draft')}</option>
      </SelectField>
    </DialogForm>
  );
}
