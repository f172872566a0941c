import type { FlowGraph, FlowProblem } from '../../../shared/flow';
import { validateFlow } from '../../../shared/flow-validate';
import { AppError } from '../../errors';
import { openedGraph } from './secrets';

/*
 * Publishing's check, on the server: the shared validator (shared/flow-validate.ts, which the
 * console's editor runs too) over the stored graph with its header values opened, so a header
 * that is blank or spans lines is caught before a conversation depends on it.
 */

/** Publishing refused: the message lists the problems; tRPC hands them over as `flowProblems`. */
export class FlowProblemsError extends AppError {
  constructor(readonly problems: FlowProblem[]) {
    // The message stays readable; the data carries every problem.
    const more = problems.length > 10 ? `; and ${problems.length - 10} more` : '';
    const listed =
      problems
        .slice(0, 10)
        .map((p) => p.message)
        .join('; ') + more;
    super(
      'BAD_REQUEST',
      `The flow cannot be published: ${listed}`,
      problems.map((p) => ({ field: p.nodeId ?? 'graph', message: p.message })),
    );
  }
}

export function publishProblems(stored: FlowGraph): FlowProblem[] {
  return validateFlow(openedGraph(stored));
}
