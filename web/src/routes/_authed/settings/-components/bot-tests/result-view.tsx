import {
  notesOf,
  type RunResult,
  STATUS_BADGE,
  STATUS_LABEL,
  type TranscriptEntry,
  transcriptOf,
} from './case-model';

export function StatusBadge({ status }: { status: string }) {
  return <span className={STATUS_BADGE[status] ?? 'badge'}>{STATUS_LABEL[status] ?? status}</span>;
}

const SPEAKER: Record<TranscriptEntry['from'], string> = {
  customer: 'Customer',
  bot: 'Bot',
  sandbox: 'Sandbox',
};

/** One case's result: why it failed (each expectation's message) and the conversation it had. */
export function ResultView({ result }: { result: RunResult }) {
  const failures = notesOf(result.failures);
  const skips = notesOf(result.skips);
  const transcript = transcriptOf(result);
  return (
    <section className="bot-test-result" aria-label={`Result of ${result.caseName}`}>
      <h4>
        <StatusBadge status={result.status} /> {result.caseName}
      </h4>
      {result.error && (
        <p className="field-error" role="status">
          {result.error}
        </p>
      )}
      {failures.length > 0 && (
        <ul className="bot-test-failures" aria-label={`Failed expectations of ${result.caseName}`}>
          {failures.map((f, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two expectations may say the same
            <li key={i}>{f.message}</li>
          ))}
        </ul>
      )}
      {skips.length > 0 && (
        <ul className="bot-test-skips" aria-label={`Skipped expectations of ${result.caseName}`}>
          {skips.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two expectations may say the same
            <li key={i}>Skipped: {s.message}</li>
          ))}
        </ul>
      )}
      {transcript.length > 0 && (
        <details open={result.status !== 'passed'}>
          <summary>Transcript</summary>
          <ol className="bot-test-transcript" aria-label={`Transcript of ${result.caseName}`}>
            {transcript.map((t, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a transcript's lines are in order
              <li key={i} className={`bot-test-line bot-test-from-${t.from}`}>
                <span className="bot-test-speaker">
                  {SPEAKER[t.from]} · turn {t.turn}
                </span>
                <span className="bot-test-text">
                  {t.text}
                  {t.from === 'customer' && t.choice ? ` [${t.choice}]` : ''}
                </span>
                {t.from === 'bot' && t.sources?.length ? (
                  <span className="muted">
                    {' '}
                    Sources: {t.sources.map((s) => s.title).join(', ')}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
