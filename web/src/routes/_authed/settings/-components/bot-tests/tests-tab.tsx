import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../../../components/form-error';
import { useRefresh } from '../../../../../components/use-refresh';
import { trpc } from '../../../../../lib/trpc';
import { CaseForm } from './case-form';
import { CaseList } from './case-list';
import type { TestCase } from './case-model';
import { PublishGate } from './publish-gate';
import { RunHistory, RunView } from './run-history';
import './bot-tests.css';

interface Props {
  chatbot: { id: string; name: string };
  /** Admins write cases and run the suite; everyone else reads. */
  admin: boolean;
  /** A case to point out (a link from a conversation names it). */
  highlight?: string;
}

/**
 * A chatbot's test suite: its cases, Run all and Run per case against the draft, the run shown
 * (each case's result, failures and transcript, the change from the previous run), the history
 * of runs, and whether publishing requires the suite to pass.
 */
export function TestsTab({ chatbot, admin, highlight }: Props) {
  const { t } = useTranslation('botTests');
  const chatbotId = chatbot.id;
  const queryClient = useQueryClient();
  const { data: cases } = useSuspenseQuery(trpc.botTests.list.queryOptions({ chatbotId }));
  const { data: runs } = useSuspenseQuery(trpc.botTests.runs.queryOptions({ chatbotId }));
  const [form, setForm] = useState<TestCase | 'new' | null>(null);
  const [chosenRun, setChosenRun] = useState<string | null>(null);
  const shownRunId = chosenRun ?? runs[0]?.id ?? null;
  const detail = useQuery({
    ...trpc.botTests.runDetail.queryOptions({ runId: shownRunId ?? '' }),
    enabled: shownRunId !== null,
  });

  const run = useMutation(
    trpc.botTests.run.mutationOptions({
      onSuccess: async (result) => {
        queryClient.setQueryData(trpc.botTests.runDetail.queryKey({ runId: result.id }), result);
        await queryClient.invalidateQueries(trpc.botTests.runs.queryFilter({ chatbotId }));
        setChosenRun(result.id);
      },
    }),
  );
  const refresh = useRefresh(trpc.botTests.list.queryFilter({ chatbotId }));
  const remove = useMutation(trpc.botTests.delete.mutationOptions(refresh));
  const runningCase = run.isPending ? (run.variables?.caseIds?.[0] ?? null) : null;

  // A case named by the link it was reached from is brought into view once.
  useEffect(() => {
    if (highlight)
      document.querySelector('.bot-test-highlight')?.scrollIntoView({ block: 'center' });
  }, [highlight]);

  return (
    <div className="bot-tests">
      <div className="bot-tests-head">
        <h2>{t('tab.title', { name: chatbot.name })}</h2>
        {admin && (
          <div className="bot-tests-commands">
            <button
              type="button"
              className="button button-primary"
              disabled={run.isPending || cases.length === 0}
              onClick={() => run.mutate({ chatbotId })}
            >
              {run.isPending && !runningCase ? t('tab.running') : t('tab.runAll')}
            </button>
            <button type="button" className="button" onClick={() => setForm('new')}>
              {t('tab.newCase')}
            </button>
          </div>
        )}
      </div>
      <p className="muted">{t('tab.intro')}</p>
      <PublishGate chatbotId={chatbotId} editable={admin} />
      <FormError error={run.error ?? remove.error} />
      <CaseList
        cases={cases}
        run={detail.data}
        highlight={highlight}
        admin={
          admin
            ? {
                onRun: (c) => run.mutate({ chatbotId, caseIds: [c.id] }),
                running: typeof runningCase === 'string' ? runningCase : null,
                onEdit: setForm,
                onDelete: (c) => remove.mutate({ id: c.id }),
                deleting: remove.isPending ? String(remove.variables?.id) : null,
              }
            : undefined
        }
      />
      <div className="bot-tests-runs">
        {detail.data ? (
          <RunView run={detail.data} />
        ) : (
          detail.error && <FormError error={detail.error} />
        )}
        <RunHistory runs={runs} selectedId={shownRunId} onSelect={setChosenRun} />
      </div>
      {form && (
        <CaseForm
          chatbotId={chatbotId}
          testCase={form === 'new' ? undefined : form}
          onClose={() => setForm(null)}
        />
      )}
    </div>
  );
}
