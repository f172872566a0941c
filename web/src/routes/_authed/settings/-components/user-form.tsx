import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AVAILABILITIES, ROLES } from '../../../../../../shared/enums';
import { DialogForm } from '../../../../components/dialog-form';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { SelectField } from '../../../../components/form-controls';
import { formText } from '../../../../components/search-params';
import { useRefresh } from '../../../../components/use-refresh';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';

export type User = RouterOutputs['users']['list'][number];

// English labels: the server's messages, which they prefix and are matched against, are English.
const FIELDS = [
  { name: 'name', label: 'Name' },
  { name: 'email', label: 'Email' },
  { name: 'password', label: 'Password' },
  { name: 'role', label: 'Role' },
  { name: 'availability', label: 'Availability' },
  { name: 'capacity', label: 'Capacity' },
];

/** Invites a person (they sign in with this email and password), or edits one. */
export function UserForm({ user, onClose }: { user?: User; onClose: () => void }) {
  const { t } = useTranslation(['settings', 'common']);
  const done = useRefresh([trpc.users.pathFilter(), trpc.auth.me.queryFilter()], onClose);
  const create = useMutation(trpc.users.create.mutationOptions(done));
  const update = useMutation(trpc.users.update.mutationOptions(done));
  const save = user ? update : create;
  const errors = formErrors(save.error, FIELDS);

  const submit = (form: FormData) => {
    const capacity = formText(form, 'capacity');
    const password = String(form.get('password') ?? '');
    const values = {
      name: String(form.get('name') ?? ''),
      email: String(form.get('email') ?? ''),
      role: form.get('role') as User['role'],
      capacity: capacity === null ? null : Number(capacity),
    };
    if (user) {
      update.mutate({
        id: user.id,
        patch: {
          ...values,
          availability: form.get('availability') as User['availability'],
          ...(password ? { password } : {}),
        },
      });
    } else {
      create.mutate({ ...values, password });
    }
  };

  return (
    <DialogForm
      title={user ? t('users.form.editTitle', { name: user.name }) : t('users.new')}
      onClose={onClose}
      onSubmit={submit}
      error={errors.form}
      submitLabel={user ? t('users.form.save') : t('users.form.create')}
      pending={save.isPending}
    >
      <Field
        label={t('users.form.name')}
        name="name"
        defaultValue={user?.name}
        required
        maxLength={150}
        autoFocus
        error={errors.fields.name}
      />
      <Field
        label={t('users.form.email')}
        name="email"
        type="email"
        defaultValue={user?.email}
        required
        maxLength={254}
        autoComplete="off"
        error={errors.fields.email}
      />
      <Field
        label={t('users.form.password')}
        name="password"
        type="password"
        required={!user}
        minLength={8}
        maxLength={200}
        autoComplete="new-password"
        error={errors.fields.password}
        hint={user ? t('users.form.passwordKeep') : t('users.form.passwordNew')}
      />
      <SelectField
        label={t('users.form.role')}
        name="role"
        defaultValue={user?.role ?? 'agent'}
        error={errors.fields.role}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`common:roles.${r}`)}
          </option>
        ))}
      </SelectField>
      <Field
        label={t('users.form.capacity')}
        name="capacity"
        type="number"
        min={0}
        max={10000}
        step={1}
        defaultValue={user?.capacity ?? ''}
        error={errors.fields.capacity}
        hint={t('users.form.capacityHint')}
      />
      {user && (
        <SelectField
          label={t('users.form.availability')}
          name="availability"
          defaultValue={user.availability}
          error={errors.fields.availability}
        >
          {AVAILABILITIES.map((a) => (
            <option key={a} value={a}>
              {t(`common:availability.${a}`)}
            </option>
          ))}
        </SelectField>
      )}
    </DialogForm>
  );
}
