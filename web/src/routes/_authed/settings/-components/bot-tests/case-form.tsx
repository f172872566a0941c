import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
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
  const script = testCase ? scriptOf(testCase) : undefined;
  const [kind, setKind] = useState<TestScript['kind']>(script?.kind ?? 'scripted');
  const [expectations, setExpectations] = useState<Expectation[]>(() =>
    testCase ? expectationsOf(testCase) : [blankExpectation('reply_contains')],
  );
  const done = useRefresh(trpc.botTests.list.pathFilter(), onClose);
  const create = useMutation(trpc.botTests.create.mutationOptions(done));
  const update = useMutation(trpc.botTests.update.mutationOptions(done));
  const save = testCase ? update : create;
  const errors = caseErrors(save.error);

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
      title={testCase ? `Edit test case ${testCase.name}` : 'New test case'}
      onClose={onClose}
      wide
      stack
      noValidate
      onSubmit={submit}
      error={errors.form}
      submitLabel={testCase ? 'Save test case' : 'Create test case'}
      pending={save.isPending}
    >
      <Field
        label="Name"
        name="name"
        defaultValue={testCase?.name}
        maxLength={200}
        autoFocus
        error={errors.fields.name}
      />
      <SelectField
        label="Customer"
        name="scriptKind"
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value as TestScript['kind'])}
        hint="A simulated customer needs a model (OPENAI_API_KEY); without one the case is skipped."
        error={errors.fields['script.kind']}
      >
        <option value="scripted">Scripted turns</option>
        <option value="simulated">Simulated by the model</option>
      </SelectField>
      {kind === 'scripted' ? (
        <TextAreaField
          label="Customer turns"
          name="turns"
          rows={4}
          defaultValue={script?.kind === 'scripted' ? turnsToText(script.turns) : ''}
          hint="One message per line; [1] presses the button or list row whose id is 1."
          error={under(errors.fields, 'script.turns') ?? under(errors.fields, 'script')}
        />
      ) : (
        <>
          <TextAreaField
            label="Persona"
            name="persona"
            rows={2}
            defaultValue={script?.kind === 'simulated' ? script.persona : ''}
            error={errors.fields['script.persona'] ?? under(errors.fields, 'script')}
          />
          <TextAreaField
            label="Goal"
            name="goal"
            rows={2}
            defaultValue={script?.kind === 'simulated' ? script.goal : ''}
            error={errors.fields['script.goal']}
          />
          <Field
            label="At most turns"
            name="maxTurns"
            type="number"
            defaultValue={script?.kind === 'simulated' ? script.maxTurns : 5}
            error={errors.fields['script.maxTurns']}
          />
        </>
      )}
      <CheckboxField
        label="Make real HTTP calls"
        name="allowHttp"
        defaultChecked={testCase?.allowHttp ?? false}
        hint="Off: the flow's HTTP requests and the bot's tools are not sent; the sandbox says so."
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
