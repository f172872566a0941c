import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../lib/format';
import type { RouterOutputs } from '../../../../lib/trpc';
import { handoffReason } from './handoff-reason';

export type ThreadActivity = RouterOutputs['timeline']['list'][number];

type T = TFunction<'inbox'>;

const STRATEGY_KEY = {
  least_loaded: 'activity.strategy.least_loaded',
  round_robin: 'activity.strategy.round_robin',
} as const;

const STATUS_KEY = {
  active: 'activity.statusWord.active',
  paused: 'activity.statusWord.paused',
  ended: 'activity.statusWord.ended',
} as const;

const known = <K extends string>(map: Record<K, string>, key: string | null): key is K =>
  key !== null && Object.hasOwn(map, key);

/** Who assigned: a colleague, or auto-assignment with the strategy of its policy. */
function assignedText(a: ThreadActivity, assignee: string, t: T): string {
  if (a.policy !== null) {
    return known(STRATEGY_KEY, a.policy)
      ? t('activity.assignedAutoStrategy', { assignee, strategy: t(STRATEGY_KEY[a.policy]) })
      : t('activity.assignedAuto', { assignee });
  }
  return a.actor
    ? t('activity.assignedBy', { assignee, actor: a.actor.name })
    : t('activity.assigned', { assignee });
}

/** The line's words, in the agents' terms. */
export function activityText(a: ThreadActivity, t: T): string {
  // An account that no longer exists is still somebody who did something.
  const nameOf = (p: ThreadActivity['actor']) => p?.name ?? t('activity.formerTeammate');
  const actor = nameOf(a.actor);
  switch (a.kind) {
    case 'assigned':
      return assignedText(a, nameOf(a.assignee), t);
    case 'unassigned':
      if (!a.actor) return t('activity.unassignedFrom', { assignee: nameOf(a.assignee) });
      return a.assignee
        ? t('activity.unassignedBy', { actor, assignee: a.assignee.name })
        : t('activity.unassignedConversationBy', { actor });
    case 'takeover':
      return t('activity.takeover', { actor });
    case 'release':
      return a.actor ? t('activity.releaseBy', { actor }) : t('activity.release');
    case 'handoff':
      return a.reason
        ? t('activity.handoffReason', { reason: handoffReason(a.reason, t) })
        : t('activity.handoff');
    case 'ended':
      if (a.actor) return t('activity.endedBy', { actor });
      if (a.reason === 'idle') return t('activity.endedIdle');
      return a.reason === 'flow' ? t('activity.endedFlow') : t('activity.ended');
    case 'reopened':
      return a.actor ? t('activity.reopenedBy', { actor }) : t('activity.reopened');
    case 'snoozed': {
      if (a.status === null) {
        return a.actor ? t('activity.snoozeEndedBy', { actor }) : t('activity.snoozeEnded');
      }
      const until = formatDateTime(a.status);
      return a.actor ? t('activity.snoozedBy', { actor, until }) : t('activity.snoozed', { until });
    }
    case 'status': {
      const status = known(STATUS_KEY, a.status)
        ? t(STATUS_KEY[a.status])
        : (a.status ?? t('activity.statusWord.changed'));
      return a.actor ? t('activity.markedBy', { status, actor }) : t('activity.marked', { status });
    }
  }
}

/**
 * Who did what (an assignment, a takeover, the bot's handoff, an end): a quiet line in the
 * agents' thread, like the bot's tool calls. Customers never see it (no customer-facing exit
 * carries these events).
 */
export function ActivityLine({ activity }: { activity: ThreadActivity }) {
  const { t } = useTranslation('inbox');
  return (
    <p
      className="thread-activity"
      role="note"
      aria-label={t('activity.label')}
      title={formatDateTime(activity.createdAt)}
    >
      {activityText(activity, t)}
    </p>
  );
}
