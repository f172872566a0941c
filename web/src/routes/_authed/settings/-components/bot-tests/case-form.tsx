import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../../../../components/dialog-form';
import { Field } from '../../../../../components/field';
import { CheckboxField, SelectField, TextAreaField } from '../../../../../components/form-controls';
import { useRefresh } from '../../../../../components/use-refresh';
import { trpc } from '../../../../../lib/trpc';
import {
  blankExpectation,
  type Expectation,
  expectationsOf,
  scriptOf,
  type TestCase,
  type TestScript,
  textToTurns,
  turnsToText,
} from './case-model';
import { ExpectationsEditor } from './expectations-editor';
import { caseErrors } from './issue-errors';

interface Props {
  chatbotId: string;
  /** The case to edit; none: a new one. */
  testCase?: TestCase;
  onClose: () => void;
}

/** The first message under `prefix` (the field itself or one of its items). */
const under = (fields: Record<string, string>, prefix: string) =>
  Object.entries(fields).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];

/**
 * Creates or edits a case: its name, a scripted customer (one turn per line) or a simulated
 * one (persona, goal, turns), whether HTTP calls go out, and its expectations. Checking is the
 * server's: its messages land under the fields they name.
 */
export function CaseForm({ chatbotId, testCase, onClose }: Props) {
  const { t } = useTranslation('botTests');
  const script = testCase ? scriptOf(testCase) : undefined;
  const [kind, setKind] = useState<TestScript['kind']>(script?.kind ?? 'scripted');
  const [expectations, setExpectations] = useState<Expectation[]>(() =>
    testCase ? expectationsOf(testCase) : [blankExpectation('reply_contains')],
  );
  const done = useRefresh(trpc.botTests.list.pathFilter(), onClose);
  const create = useMutation(trpc.botTests.create.mutationOptions(done));
  const update = useMutation(trpc.botTests.update.mutationOptions(done));
  const save = testCase ? update : create;
  const errors = caseErrors(save.error, t);

  const submit = (form: FormData) => {
    const text = (name: string) => String(form.get(name) ?? '');
    const values = {
      name: text('name'),
      script:
        kind === 'scripted'
          ? { kind, turns: textToTurns(text('turns')) }
          : {
              kind,
              persona: text('persona'),
              goal: text('goal'),
              maxTurns: Number(text('maxTurns')),
            },
      expectations,
      allowHttp: form.get('allowHttp') === 'on',
    } as const;
    if (testCase) update.mutate({ id: testCase.id, patch: values });
    else create.mutate({ chatbotId, testCase: values });
  };

  return (
    <DialogForm
      title={testCase ? t('form.editTitle', { name: testCase.name }) : t('form.newTitle')}
      onClose={onClose}
      wide
      stack
      noValidate
      onSubmit={submit}
      error={errors.form}
      submitLabel={testCase ? t('form.save') : t('form.create')}
      pending={save.isPending}
    >
      <Field
        label={t('form.name')}
        name="name"
        defaultValue={testCase?.name}
        maxLength={200}
        autoFocus
        error={errors.fields.name}
      />
      <SelectField
        label={t('form.customer')}
        name="scriptKind"
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value as TestScript['kind'])}
        hint={t('form.customerHint')}
        error={errors.fields['script.kind']}
      >
        <option value="scripted">{t('form.scripted')}</option>
        <option value="simulated">{t('form.simulated')}</option>
      </SelectField>
      {kind === 'scripted' ? (
        <TextAreaField
          label={t('form.turns')}
          name="turns"
          rows={4}
          defaultValue={script?.kind === 'scripted' ? turnsToText(script.turns) : ''}
          hint={t('form.turnsHint')}
          error={under(errors.fields, 'script.turns') ?? under(errors.fields, 'script')}
        />
      ) : (
        <>
          <TextAreaField
            label={t('form.persona')}
            name="persona"
            rows={2}
            defaultValue={script?.kind === 'simulated' ? script.persona : ''}
            error={errors.fields['script.persona'] ?? under(errors.fields, 'script')}
          />
          <TextAreaField
            label={t('form.goal')}
            name="goal"
            rows={2}
            defaultValue={script?.kind === 'simulated' ? script.goal : ''}
            error={errors.fields['script.goal']}
          />
          <Field
            label={t('form.maxTurns')}
            name="maxTurns"
            type="number"
            defaultValue={script?.kind === 'simulated' ? script.maxTurns : 5}
            error={errors.fields['script.maxTurns']}
          />
        </>
      )}
      <CheckboxField
        label={t('form.allowHttp')}
        name="allowHttp"
        defaultChecked={testCase?.allowHttp ?? false}
        hint={t('form.allowHttpHint')}
        error={errors.fields.allowHttp}
      />
      <ExpectationsEditor
        expectations={expectations}
        onChange={setExpectations}
        errors={errors.fields}
      />
    </DialogForm>
  );
}
