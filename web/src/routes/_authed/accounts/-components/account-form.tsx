import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../../../components/dialog-form';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { formText } from '../../../../components/search-params';
import { useRefresh } from '../../../../components/use-refresh';
import { trpc } from '../../../../lib/trpc';
import { expiryDay } from './dates';
import { EntityPicker } from './entity-picker';
import type { Account } from './use-names';

// English labels: they find the field in the server's (English) messages.
const FIELDS = [
  { name: 'contact_id', label: 'Contact' },
  { name: 'username_final', label: 'Username' },
  { name: 'password_final', label: 'Password' },
  { name: 'server_id', label: 'Server' },
  { name: 'id_line_server', label: 'Line on server' },
  { name: 'date_exp', label: 'Expires on' },
  { name: 'application_id', label: 'Application' },
  { name: 'device_id', label: 'Device' },
];

/** Creates an account, or edits `account` (the password is replaced only when typed). */
export function AccountForm({ account, onClose }: { account?: Account; onClose: () => void }) {
  const { t } = useTranslation('crm');
  const [refs, setRefs] = useState({
    contact_id: account?.contact_id ?? null,
    server_id: account?.server_id ?? null,
    application_id: account?.application_id ?? null,
    device_id: account?.device_id ?? null,
  });
  const pick = (key: keyof typeof refs) => (id: number | null) =>
    setRefs((r) => ({ ...r, [key]: id }));
  const done = useRefresh(trpc.accounts.pathFilter(), onClose);
  const create = useMutation(trpc.accounts.create.mutationOptions(done));
  const update = useMutation(trpc.accounts.update.mutationOptions(done));
  const save = account ? update : create;
  // Editing has no contact picker: "Contact user account not found" must not land on it.
  const errors = formErrors(save.error, account ? FIELDS.slice(1) : FIELDS);

  const submit = (form: FormData) => {
    const line = formText(form, 'id_line_server');
    const password = String(form.get('password_final') ?? '');
    const values = {
      username_final: String(form.get('username_final') ?? ''),
      // Nothing chosen: 0 is refused by the server with a message naming the field.
      server_id: refs.server_id ?? 0,
      id_line_server: line === null ? null : Number(line),
      date_exp: formText(form, 'date_exp'),
      application_id: refs.application_id,
      device_id: refs.device_id,
    };
    if (account) {
      update.mutate({
        id: account.id,
        patch: { ...values, ...(password ? { password_final: password } : {}) },
      });
    } else {
      create.mutate({ ...values, contact_id: refs.contact_id ?? 0, password_final: password });
    }
  };

  return (
    <DialogForm
      title={
        account
          ? t('accounts.form.editTitle', { name: account.username_final })
          : t('accounts.form.newTitle')
      }
      onClose={onClose}
      wide
      noValidate
      onSubmit={submit}
      error={errors.form}
      submitLabel={account ? t('accounts.form.save') : t('accounts.form.create')}
      pending={save.isPending}
    >
      {account ? null : (
        <EntityPicker
          kind="contact"
          label={t('accounts.form.contact')}
          value={refs.contact_id}
          onChange={pick('contact_id')}
          required
          error={errors.fields.contact_id}
        />
      )}
      <EntityPicker
        kind="server"
        label={t('accounts.form.server')}
        value={refs.server_id}
        onChange={pick('server_id')}
        required
        error={errors.fields.server_id}
      />
      <Field
        label={t('accounts.form.username')}
        name="username_final"
        defaultValue={account?.username_final}
        required
        maxLength={150}
        autoComplete="off"
        error={errors.fields.username_final}
      />
      <Field
        label={t('accounts.form.password')}
        name="password_final"
        type="password"
        required={!account}
        maxLength={255}
        autoComplete="new-password"
        error={errors.fields.password_final}
        hint={account ? t('accounts.form.passwordKeep') : undefined}
      />
      <Field
        label={t('accounts.form.line')}
        name="id_line_server"
        type="number"
        step={1}
        defaultValue={account?.id_line_server ?? ''}
        error={errors.fields.id_line_server}
      />
      <Field
        label={t('accounts.form.expiresOn')}
        name="date_exp"
        type="date"
        defaultValue={expiryDay(account?.date_exp ?? null) ?? ''}
        error={errors.fields.date_exp}
      />
      <EntityPicker
        kind="application"
        label={t('accounts.form.application')}
        value={refs.application_id}
        onChange={pick('application_id')}
        error={errors.fields.application_id}
      />
      <EntityPicker
        kind="device"
        label={t('accounts.form.device')}
        value={refs.device_id}
        onChange={pick('device_id')}
        error={errors.fields.device_id}
      />
    </DialogForm>
  );
}
