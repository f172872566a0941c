import { useTranslation } from 'react-i18next';
import type { FlowProblem } from '../../../../../../../shared/flow';
import { problemText } from './flow-texts';

interface Props {
  problems: FlowProblem[];
  /** What the server answered to the last refused publish, if it did. */
  refused: FlowProblem[] | null;
  onPick: (nodeId: string) => void;
}

/** Everything that keeps the flow from being published; a problem's button selects its node. */
export function ProblemsPanel({ problems, refused, onPick }: Props) {
  const { t } = useTranslation('flows');
  // The server's refusal is worded in English by the shared validator.
  const refusedHere = refused?.map((p) => ({ ...p, message: problemText(t, p.message) }));
  return (
    <section className="flow-problems" aria-labelledby="flow-problems-title">
      <h3 id="flow-problems-title">
        {t('problems.title')} <span className="badge">{problems.length}</span>
      </h3>
      {problems.length === 0 ? (
        <p className="muted">{t('problems.none')}</p>
      ) : (
        <ProblemList problems={problems} onPick={onPick} label={t('problems.list')} />
      )}
      {refusedHere && (
        <div role="alert" className="flow-refused">
          <p>{t('problems.refused')}</p>
          <ProblemList problems={refusedHere} onPick={onPick} label={t('problems.refusedList')} />
        </div>
      )}
    </section>
  );
}

function ProblemList({
  problems,
  onPick,
  label,
}: Pick<Props, 'problems' | 'onPick'> & { label: string }) {
  return (
    <ul className="flow-problem-list" aria-label={label}>
      {problems.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same message may repeat on two nodes
        <li key={i}>
          {p.nodeId ? (
            <button type="button" className="flow-problem" onClick={() => onPick(p.nodeId!)}>
              <span className="code">{p.nodeId}</span> {p.message}
            </button>
          ) : (
            <span className="flow-problem">{p.message}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
