import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../../../components/data-table';
import { RowActions, RowButton } from '../../../../../components/row-actions';
import { expectationsOf, type RunDetail, scriptOf, type TestCase } from './case-model';
import { type BotTestsT, describeExpectation } from './case-texts';
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

function customerOf(t: BotTestsT, c: TestCase) {
  const script = scriptOf(c);
  return script.kind === 'scripted'
    ? t('list.scripted', { count: script.turns.length })
    : t('list.simulated', { count: script.maxTurns });
}

/** The chatbot's test cases: what each checks and how it did in the run shown. */
export function CaseList({ cases, run, highlight, admin }: Props) {
  const { t } = useTranslation('botTests');
  const status = new Map(run?.results.map((r) => [r.caseId, r.status]) ?? []);
  return (
    <DataTable
      caption={t('list.caption')}
      columns={[
        t('list.columns.name'),
        t('list.columns.customer'),
        t('list.columns.expectations'),
        t('list.columns.result'),
      ]}
      rows={cases}
      rowClassName={(c) => (c.id === highlight ? 'bot-test-highlight' : undefined)}
      cells={(c) => (
        <>
          <td>{c.name}</td>
          <td>{customerOf(t, c)}</td>
          <td>
            <ul className="bot-test-expects">
              {expectationsOf(c).map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: expectations are in order
                <li key={i}>{describeExpectation(t, e)}</li>
              ))}
            </ul>
          </td>
          <td>{status.has(c.id) ? <StatusBadge status={status.get(c.id)!} /> : '—'}</td>
        </>
      )}
      actions={(c) =>
        admin ? (
          <RowActions
            what={t('list.what', { name: c.name })}
            onEdit={() => admin.onEdit(c)}
            onDelete={() => admin.onDelete(c)}
            deleting={admin.deleting === c.id}
          >
            <RowButton
              label={admin.running === c.id ? t('list.running') : t('list.run')}
              name={t('list.runCase', { name: c.name })}
              onClick={() => admin.onRun(c)}
            />
          </RowActions>
        ) : null
      }
      empty={t('list.empty')}
    />
  );
}
