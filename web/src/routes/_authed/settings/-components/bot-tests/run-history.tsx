import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../../lib/format';
import type { RunDetail, RunSummary } from './case-model';
import type { BotTestsT } from './case-texts';
import { ResultView } from './result-view';

/** Who ran it: the person from the console, or the command line. */
const startedBy = (t: BotTestsT, r: RunSummary) => {
  if (r.source === 'console' && r.startedBy) return r.startedBy;
  return r.source === 'console' || r.source === 'cli' ? t(`history.sources.${r.source}`) : r.source;
};

const counts = (t: BotTestsT, r: RunSummary) =>
  [
    t('history.passed', { count: r.passed }),
    t('history.failed', { count: r.failed }),
    r.errored ? t('history.errors', { count: r.errored }) : null,
    r.skipped ? t('history.skipped', { count: r.skipped }) : null,
  ]
    .filter(Boolean)
    .join(', ');

interface HistoryProps {
  runs: RunSummary[];
  selectedId: string | null;
  onSelect: (runId: string) => void;
}

/** The suite's runs, newest first; pressing one shows its results and what changed. */
export function RunHistory({ runs, selectedId, onSelect }: HistoryProps) {
  const { t } = useTranslation('botTests');
  return (
    <section className="bot-test-history" aria-labelledby="bot-test-history-title">
      <h3 id="bot-test-history-title">{t('history.title')}</h3>
      {runs.length === 0 ? (
        <p className="muted">{t('history.none')}</p>
      ) : (
        <ol className="bot-test-runs" aria-label={t('history.runs')}>
          {runs.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className="bot-test-run"
                aria-current={r.id === selectedId ? 'true' : undefined}
                onClick={() => onSelect(r.id)}
              >
                <span>{formatDateTime(r.createdAt)}</span>
                <span className="muted">{startedBy(t, r)}</span>
                <span>{counts(t, r)}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** A run: its counts, its difference from the previous run, and every case's result. */
export function RunView({ run }: { run: RunDetail }) {
  const { t } = useTranslation('botTests');
  const { diff } = run;
  return (
    <section className="bot-test-run-detail" aria-labelledby="bot-test-run-title">
      <h3 id="bot-test-run-title">
        {t('history.run', {
          date: formatDateTime(run.createdAt),
          who: startedBy(t, run),
          counts: counts(t, run),
        })}
      </h3>
      {diff.hasPrevious ? (
        <section className="bot-test-diff" aria-label={t('history.changes')}>
          {diff.newlyFailing.length === 0 && diff.newlyPassing.length === 0 ? (
            <p className="muted">{t('history.noChange')}</p>
          ) : (
            <>
              <DiffList title={t('history.newlyFailing')} entries={diff.newlyFailing} />
              <DiffList title={t('history.newlyPassing')} entries={diff.newlyPassing} />
            </>
          )}
        </section>
      ) : (
        <p className="muted">{t('history.firstRun')}</p>
      )}
      {run.results.map((r) => (
        <ResultView key={`${r.caseId ?? r.caseName}`} result={r} />
      ))}
    </section>
  );
}

function DiffList({
  title,
  entries,
}: {
  title: string;
  entries: RunDetail['diff']['newlyFailing'];
}) {
  if (entries.length === 0) return null;
  return (
    <div>
      <h4>{title}</h4>
      <ul aria-label={title}>
        {entries.map((e) => (
          <li key={e.caseId ?? e.caseName}>{e.caseName}</li>
        ))}
      </ul>
    </div>
  );
}
