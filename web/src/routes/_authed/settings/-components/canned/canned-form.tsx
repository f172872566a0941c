import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROLE_RANK, type Role } from '../../../../../../../shared/enums';
import { DialogForm } from '../../../../../components/dialog-form';
import { Field } from '../../../../../components/field';
import { formErrors } from '../../../../../components/field-errors';
import { SelectField, TextAreaField } from '../../../../../components/form-controls';
import { useRefresh } from '../../../../../components/use-refresh';
import { type RouterOutputs, trpc } from '../../../../../lib/trpc';

export type CannedResponse = RouterOutputs['cannedResponses']['list'][number];

// English labels: the server's messages, which they prefix and are matched against, are English.
const FIELDS = [
  { name: 'scope', label: 'Who can use it' },
  { name: 'shortcut', label: 'Shortcut' },
  { name: 'title', label: 'Title' },
  { name: 'body', label: 'Body' },
];

const PLACEHOLDERS = '{{contact.name}}, {{contact.phone}}, {{agent.name}}, {{agent.email}}';

/**
 * Creates a canned response or edits one. Only supervisors and admins choose the scope (a shared
 * one is the whole workspace's); an agent's are always their own. The server checks every field,
 * and its messages land next to them.
 */
export function CannedForm({
  canned,
  role,
  onClose,
}: {
  canned?: CannedResponse;
  role: Role;
  onClose: () => void;
}) {
  const { t } = useTranslation('settings');
  const done = useRefresh(trpc.cannedResponses.pathFilter(), onClose);
  const create = useMutation(trpc.cannedResponses.create.mutationOptions(done));
  const update = useMutation(trpc.cannedResponses.update.mutationOptions(done));
  const save = canned ? update : create;
  const errors = formErrors(save.error, FIELDS);
  const choosesScope = !canned && ROLE_RANK[role] >= ROLE_RANK.supervisor;

  const submit = (form: FormData) => {
    const values = {
      shortcut: String(form.get('shortcut') ?? ''),
      title: String(form.get('title') ?? ''),
      body: String(form.get('body') ?? ''),
    };
    if (canned) {
      update.mutate({ id: canned.id, patch: values });
    } else {
      const scope = form.get('scope') === 'shared' ? 'shared' : 'personal';
      create.mutate({ ...values, scope });
    }
  };

  return (
    <DialogForm
      title={canned ? t('canned.form.editTitle', { shortcut: canned.shortcut }) : t('canned.new')}
      onClose={onClose}
      onSubmit={submit}
      error={errors.form}
      submitLabel={canned ? t('canned.form.save') : t('canned.form.create')}
      pending={save.isPending}
      stack
      noValidate
    >
      {choosesScope && (
        <SelectField
          label={t('canned.form.scope')}
          name="scope"
          defaultValue="personal"
          error={errors.fields.scope}
        >
          <option value="personal">{t('canned.form.personal')}</option>
          <option value="shared">{t('canned.form.shared')}</option>
        </SelectField>
      )}
      <Field
        label={t('canned.form.shortcut')}
        name="shortcut"
        defaultValue={canned?.shortcut}
        maxLength={50}
        autoFocus
        autoComplete="off"
        error={errors.fields.shortcut}
        hint={t('canned.form.shortcutHint')}
      />
      <Field
        label={t('canned.form.title')}
        name="title"
        defaultValue={canned?.title}
        maxLength={200}
        error={errors.fields.title}
      />
      <TextAreaField
        label={t('canned.form.body')}
        name="body"
        rows={6}
        defaultValue={canned?.body}
        maxLength={5000}
        error={errors.fields.body}
        hint={t('canned.form.bodyHint', { placeholders: PLACEHOLDERS })}
      />
    </DialogForm>
  );
}
