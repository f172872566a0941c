import { useTranslation } from 'react-i18next';
import { isStatus, notesOf, type RunResult, STATUS_BADGE, transcriptOf } from './case-model';
import { runText } from './run-texts';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('botTests');
  return (
    <span className={STATUS_BADGE[status] ?? 'badge'}>
      {isStatus(status) ? t(`status.${status}`) : status}
    </span>
  );
}

/** One case's result: why it failed (each expectation's message) and the conversation it had. */
export function ResultView({ result }: { result: RunResult }) {
  const { t } = useTranslation('botTests');
  const name = result.caseName;
  const failures = notesOf(result.failures);
  const skips = notesOf(result.skips);
  const transcript = transcriptOf(result);
  return (
    <section className="bot-test-result" aria-label={t('result.label', { name })}>
      <h4>
        <StatusBadge status={result.status} /> {result.caseName}
      </h4>
      {result.error && (
        <p className="field-error" role="status">
          {runText(t, result.error)}
        </p>
      )}
      {failures.length > 0 && (
        <ul className="bot-test-failures" aria-label={t('result.failures', { name })}>
          {failures.map((f, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two expectations may say the same
            <li key={i}>{runText(t, f.message)}</li>
          ))}
        </ul>
      )}
      {skips.length > 0 && (
        <ul className="bot-test-skips" aria-label={t('result.skips', { name })}>
          {skips.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two expectations may say the same
            <li key={i}>{t('result.skipped', { message: runText(t, s.message) })}</li>
          ))}
        </ul>
      )}
      {transcript.length > 0 && (
        <details open={result.status !== 'passed'}>
          <summary>{t('result.transcript')}</summary>
          <ol className="bot-test-transcript" aria-label={t('result.transcriptOf', { name })}>
            {transcript.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a transcript's lines are in order
              <li key={i} className={`bot-test-line bot-test-from-${line.from}`}>
                <span className="bot-test-speaker">
                  {t('result.line', {
                    speaker: t(`result.speakers.${line.from}`),
                    turn: line.turn,
                  })}
                </span>
                <span className="bot-test-text">
                  {line.from === 'sandbox' ? runText(t, line.text) : line.text}
                  {line.from === 'customer' && line.choice ? ` [${line.choice}]` : ''}
                </span>
                {line.from === 'bot' && line.sources?.length ? (
                  <span className="muted">
                    {' '}
                    {t('result.sources', { titles: line.sources.map((s) => s.title).join(', ') })}
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
