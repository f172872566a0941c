import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { AVAILABILITIES, ROLES } from '../../../../../../shared/enums';
import { Dialog } from '../../../../components/dialog';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { SelectField } from '../../../../components/form-controls';
import { FormAlert } from '../../../../components/form-error';
import { formText } from '../../../../components/search-params';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';

export type User = RouterOutputs['users']['list'][number];

const FIELDS = [
  { name: 'name', label: 'Name' },
  { name: 'email', label: 'Email' },
  { name: 'password', label: 'Password' },
  { name: 'role', label: 'Role' },
  { name: 'availability', label: 'Availability' },
  { name: 'capacity', label: 'Capacity' },
];

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Invites a person (they sign in with this email and password), or edits one. */
export function UserForm({ user, onClose }: { user?: User; onClose: () => void }) {
  const queryClient = useQueryClient();
  const done = {
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries(trpc.users.pathFilter()),
        queryClient.invalidateQueries(trpc.auth.me.queryFilter()),
      ]);
      onClose();
    },
  };
  const create = useMutation(trpc.users.create.mutationOptions(done));
  const update = useMutation(trpc.users.update.mutationOptions(done));
  const save = user ? update : create;
  const errors = formErrors(save.error, FIELDS);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
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
    <Dialog title={user ? `Edit user ${user.name}` : 'New user'} onClose={onClose}>
      <form className="form-grid" onSubmit={submit}>
        <div className="span-2">
          <FormAlert message={errors.form} />
        </div>
        <Field
          label="Name"
          name="name"
          defaultValue={user?.name}
          required
          maxLength={150}
          autoFocus
          error={errors.fields.name}
        />
        <Field
          label="Email"
          name="email"
          type="email"
          defaultValue={user?.email}
          required
          maxLength={254}
          autoComplete="off"
          error={errors.fields.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          required={!user}
          minLength={8}
          maxLength={200}
          autoComplete="new-password"
          error={errors.fields.password}
          hint={user ? 'Leave empty to keep the current password.' : 'At least 8 characters.'}
        />
        <SelectField
          label="Role"
          name="role"
          defaultValue={user?.role ?? 'agent'}
          error={errors.fields.role}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {capitalize(r)}
            </option>
          ))}
        </SelectField>
        <Field
          label="Capacity"
          name="capacity"
          type="number"
          min={0}
          max={10000}
          step={1}
          defaultValue={user?.capacity ?? ''}
          error={errors.fields.capacity}
          hint="Most open conversations at once; empty for the policy's default."
        />
        {user && (
          <SelectField
            label="Availability"
            name="availability"
            defaultValue={user.availability}
            error={errors.fields.availability}
          >
            {AVAILABILITIES.map((a) => (
              <option key={a} value={a}>
                {capitalize(a)}
              </option>
            ))}
          </SelectField>
        )}
        <div className="form-actions span-2">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : user ? 'Save user' : 'Create user'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
