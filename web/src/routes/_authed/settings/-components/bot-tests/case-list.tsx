import { DataTable } from '../../../../../components/data-table';
import { RowActions, RowButton } from '../../../../../components/row-actions';
import {
  describeExpectation,
  expectationsOf,
  type RunDetail,
  scriptOf,
  type TestCase,
} from './case-model';
import { StatusBadge } from './result-view';

interface Props {
  cases: TestCase[];
  /** The run shown below the list: each case's status in it. */
  run: RunDetail | undefined;
  /** A case to point out (the one just made from a conversation). */
  highlight?: string;
  /** Admins' buttons; without them the list is read-only. */
  admin?: {
    onRun: (c: TestCase) => void;
    running: string | null;
    onEdit: (c: TestCase) => void;
    onDelete: (c: TestCase) => void;
    deleting: string | null;
  };
}

function customerOf(c: TestCase) {
  const script = scriptOf(c);
  return script.kind === 'scripted'
    ? `${script.turns.length} scripted ${script.turns.length === 1 ? 'turn' : 'turns'}`
    : `Simulated, at most ${script.maxTurns} turns`;
}

/** The chatbot's test cases: what each checks and how it did in the run shown. */
export function CaseList({ cases, run, highlight, admin }: Props) {
  const status = new Map(run?.results.map((r) => [r.caseId, r.status]) ?? []);
  return (
    <DataTable
      caption="Test cases"
      columns={['Name', 'Customer', 'Expectations', 'Result']}
      rows={cases}
      rowClassName={(c) => (c.id === highlight ? 'bot-test-highlight' : undefined)}
      cells={(c) => (
        <>
          <td>{c.name}</td>
          <td>{customerOf(c)}</td>
          <td>
            <ul className="bot-test-expects">
              {expectationsOf(c).map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: expectations are in order
                <li key={i}>{describeExpectation(e)}</li>
              ))}
            </ul>
          </td>
          <td>{status.has(c.id) ? <StatusBadge status={status.get(c.id)!} /> : '—'}</td>
        </>
      )}
      actions={(c) =>
        admin ? (
          <RowActions
            what={`test case ${c.name}`}
            onEdit={() => admin.onEdit(c)}
            onDelete={() => admin.onDelete(c)}
            deleting={admin.deleting === c.id}
          >
            <RowButton
              label={admin.running === c.id ? 'Running…' : 'Run'}
              name={`Run test case ${c.name}`}
              onClick={() => admin.onRun(c)}
            />
          </RowActions>
        ) : null
      }
      empty="No test cases yet."
    />
  );
}
