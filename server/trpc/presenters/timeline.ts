import type { TimelineEntry } from '../../services/conversations/timeline';

/** A timeline entry as the agents' thread draws it: names and ids, never more of a payload. */
export const consoleTimelineEntry = (e: TimelineEntry) => ({
  id: e.id,
  kind: e.kind,
  actor: e.actor,
  policy: e.policy,
  assignee: e.assignee,
  reason: e.reason,
  status: e.status,
  createdAt: e.at.toISOString(),
});
