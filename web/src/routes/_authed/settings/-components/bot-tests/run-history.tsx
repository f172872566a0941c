import { formatDateTime } from '../../../../../lib/format';
import type { RunDetail, RunSummary } from './case-model';
import { ResultView } from './result-view';

const SOURCE: Record<string, string> = { console: 'Console', cli: 'Command line' };

/** Who ran it: the person from the console, or the command line. */
const startedBy = (r: RunSummary) =>
  r.source === 'console' && r.startedBy ? r.startedBy : (SOURCE[r.source] ?? r.source);

const counts = (r: RunSummary) =>
  [
    `${r.passed} passed`,
    `${r.failed} failed`,
    r.errored ? `${r.errored} errors` : null,
    r.skipped ? `${r.skipped} skipped` : null,
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
  return (
    <section className="bot-test-history" aria-labelledby="bot-test-history-title">
      <h3 id="bot-test-history-title">Run history</h3>
      {runs.length === 0 ? (
        <p className="muted">No runs yet.</p>
      ) : (
        <ol className="bot-test-runs" aria-label="Runs">
          {runs.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className="bot-test-run"
                aria-current={r.id === selectedId ? 'true' : undefined}
                onClick={() => onSelect(r.id)}
              >
                <span>{formatDateTime(r.createdAt)}</span>
                <span className="muted">{startedBy(r)}</span>
                <span>{counts(r)}</span>
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
  const { diff } = run;
  return (
    <section className="bot-test-run-detail" aria-labelledby="bot-test-run-title">
      <h3 id="bot-test-run-title">
        Run of {formatDateTime(run.createdAt)} by {startedBy(run)} · {counts(run)}
      </h3>
      {diff.hasPrevious ? (
        <section className="bot-test-diff" aria-label="Changes since the previous run">
          {diff.newlyFailing.length === 0 && diff.newlyPassing.length === 0 ? (
            <p className="muted">No case changed since the previous run.</p>
          ) : (
            <>
              <DiffList title="Newly failing" entries={diff.newlyFailing} />
              <DiffList title="Newly passing" entries={diff.newlyPassing} />
            </>
          )}
        </section>
      ) : (
        <p className="muted">The suite's first run: nothing to compare with.</p>
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
