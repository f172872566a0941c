import type { FlowProblem } from '../../../../../../../shared/flow';

interface Props {
  problems: FlowProblem[];
  /** What the server answered to the last refused publish, if it did. */
  refused: FlowProblem[] | null;
  onPick: (nodeId: string) => void;
}

/** Everything that keeps the flow from being published; a problem's button selects its node. */
export function ProblemsPanel({ problems, refused, onPick }: Props) {
  return (
    <section className="flow-problems" aria-labelledby="flow-problems-title">
      <h3 id="flow-problems-title">
        Problems <span className="badge">{problems.length}</span>
      </h3>
      {problems.length === 0 ? (
        <p className="muted">None: the flow can be published.</p>
      ) : (
        <ProblemList problems={problems} onPick={onPick} label="Problems" />
      )}
      {refused && (
        <div role="alert" className="flow-refused">
          <p>Publishing was refused:</p>
          <ProblemList problems={refused} onPick={onPick} label="Why publishing was refused" />
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
