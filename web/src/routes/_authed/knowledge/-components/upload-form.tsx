import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { DialogForm } from '../../../../components/dialog-form';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { SelectField } from '../../../../components/form-controls';
import { useRefresh } from '../../../../components/use-refresh';
import { trpc } from '../../../../lib/trpc';
import { LANGUAGES, type Language } from './can-edit';
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
  const [tooBig, setTooBig] = useState<string | null>(null);
  const done = useRefresh(trpc.knowledge.pathFilter(), onClose);
  const upload = useMutation({ mutationFn: uploadDocument, ...done });
  const errors = formErrors(upload.error, [
    { name: 'fileName', label: 'File name' },
    { name: 'title', label: 'Title' },
  ]);

  const submit = (form: FormData) => {
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setTooBig('Choose a file that is not empty.');
      return;
    }
    if (file.size > MAX_BYTES) {
      setTooBig(`${file.name} is larger than 5 MB, the most a document may be.`);
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
      title="Upload a document"
      onClose={onClose}
      stack
      onSubmit={submit}
      error={errors.form}
      submitLabel="Upload"
      pending={upload.isPending}
    >
      <Field
        label="File"
        name="file"
        type="file"
        accept=".md,.markdown,.txt,.html,.htm,.pdf,text/markdown,text/plain,text/html,application/pdf"
        required
        hint="Markdown, plain text, HTML or PDF, up to 5 MB."
        error={tooBig ?? errors.fields.fileName}
      />
      <Field
        label="Title"
        name="title"
        maxLength={200}
        hint="Optional: the document's own title or file name otherwise."
        error={errors.fields.title}
      />
      <SelectField label="Language" name="language" defaultValue="en">
        {LANGUAGES.map((l) => (
          <option key={l.value} value={l.value}>
            {l.label}
          </option>
        ))}
      </SelectField>
      <SelectField label="Status" name="status" defaultValue="published">
        <option value="published">Published</option>
        <option value="draft">Draft</option>
      </SelectField>
    </DialogForm>
  );
}
