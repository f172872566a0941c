import { formatDateTime } from '../../../../lib/format';
import type { RouterOutputs } from '../../../../lib/trpc';

export type ThreadActivity = RouterOutputs['timeline']['list'][number];

/** An account that no longer exists is still somebody who did something. */
const nameOf = (p: ThreadActivity['actor']) => p?.name ?? 'a former teammate';

const STRATEGIES: Record<string, string> = {
  least_loaded: 'least loaded',
  round_robin: 'round robin',
};

/** Who assigned: a colleague, or auto-assignment with the strategy of its policy. */
function assignedBy(a: ThreadActivity): string {
  if (a.policy !== null) {
    const strategy = STRATEGIES[a.policy];
    return strategy ? ` by auto-assignment (${strategy})` : ' by auto-assignment';
  }
  return a.actor ? ` by ${a.actor.name}` : '';
}

/** The line's words, in the agents' terms. */
export function activityText(a: ThreadActivity): string {
  const who = nameOf(a.actor);
  switch (a.kind) {
    case 'assigned':
      return `Assigned to ${nameOf(a.assignee)}${assignedBy(a)}`;
    case 'unassigned':
      return a.actor
        ? `${who} unassigned ${a.assignee?.name ?? 'the conversation'}`
        : `Unassigned from ${nameOf(a.assignee)}`;
    case 'takeover':
      return `${who} took over`;
    case 'release':
      return a.actor ? `${who} handed back to the bot` : 'Handed back to the bot';
    case 'handoff':
      return a.reason ? `The bot handed off: ${a.reason}` : 'The bot handed off';
    case 'ended':
      if (a.actor) return `Ended by ${a.actor.name}`;
      if (a.reason === 'idle') return 'Ended after a time without activity';
      return a.reason === 'flow' ? 'Ended by the bot’s flow' : 'Ended';
    case 'reopened':
      return a.actor ? `Reopened by ${a.actor.name}` : 'Reopened';
    case 'snoozed': {
      if (a.status === null) return a.actor ? `${who} ended the snooze` : 'The snooze ended';
      const until = ` until ${formatDateTime(a.status)}`;
      return a.actor ? `Snoozed by ${a.actor.name}${until}` : `Snoozed${until}`;
    }
    case 'status':
      return `Marked ${a.status ?? 'changed'}${a.actor ? ` by ${a.actor.name}` : ''}`;
  }
}

/**
 * Who did what (an assignment, a takeover, the bot's handoff, an end): a quiet line in the
 * agents' thread, like the bot's tool calls. Customers never see it (no customer-facing exit
 * carries these events).
 */
export function ActivityLine({ activity }: { activity: ThreadActivity }) {
  return (
    <p
      className="thread-activity"
      role="note"
      aria-label="Activity"
      title={formatDateTime(activity.createdAt)}
    >
      {activityText(activity)}
    </p>
  );
}
