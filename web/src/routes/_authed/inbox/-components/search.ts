import type { Channel, ConversationStatus } from '../../../../../../shared/enums';
import { CHANNELS, CONVERSATION_STATUSES, ROLE_RANK } from '../../../../../../shared/enums';
import type { SessionUser } from '../../../../lib/session';
import type { RouterInputs } from '../../../../lib/trpc';

export const VIEWS = ['mine', 'unassigned', 'bots', 'all'] as const;
export type InboxView = (typeof VIEWS)[number];

/** The inbox's filters live in the URL, so a reload or a shared link shows the same list. */
export interface InboxSearch {
  view?: InboxView;
  unread?: boolean;
  status?: ConversationStatus;
  channel?: Channel;
  tag?: number;
  q?: string;
  /** Only the snoozed conversations; every other view leaves them out until they come back. */
  snoozed?: boolean;
}

const oneOf = <T extends string>(values: readonly T[], v: unknown): T | undefined =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : undefined;

export function parseInboxSearch(raw: Record<string, unknown>): InboxSearch {
  const tag = Number(raw.tag);
  const q = typeof raw.q === 'string' ? raw.q.slice(0, 200) : undefined;
  return {
    view: oneOf(VIEWS, raw.view),
    unread: raw.unread === true || raw.unread === 'true' ? true : undefined,
    status: oneOf(CONVERSATION_STATUSES, raw.status),
    channel: oneOf(CHANNELS, raw.channel),
    tag: Number.isInteger(tag) && tag > 0 ? tag : undefined,
    q: q?.trim() ? q : undefined,
    snoozed: raw.snoozed === true || raw.snoozed === 'true' ? true : undefined,
  };
}

export const isSupervisor = (user: Pick<SessionUser, 'role'>) =>
  ROLE_RANK[user.role] >= ROLE_RANK.supervisor;

/** "all" is for supervisors and admins; an agent who lands on it sees their own list. */
export function effectiveView(search: InboxSearch, user: Pick<SessionUser, 'role'>): InboxView {
  const view = search.view ?? 'mine';
  return view === 'all' && !isSupervisor(user) ? 'mine' : view;
}

/** The view tabs and the list they show (a tab names its panel, the panel its tab). */
export const VIEW_PANEL_ID = 'inbox-view-panel';
export const viewTabId = (view: InboxView) => `inbox-view-${view}`;

export const PAGE_SIZE = 50;

/** The `conversations.list` input for these filters, newest activity first. */
export function listInput(
  search: InboxSearch,
  user: Pick<SessionUser, 'role'>,
  limit = PAGE_SIZE,
): RouterInputs['conversations']['list'] {
  const view = effectiveView(search, user);
  return {
    limit,
    sortBy: 'last_activity_at',
    sortOrder: 'desc',
    ...(view === 'unassigned' ? { unassignment: true } : {}),
    ...(view === 'bots' ? { assigned_bot: true } : {}),
    ...(view === 'all' ? { all: true } : {}),
    ...(search.unread ? { unread: true } : {}),
    ...(search.status ? { status: search.status } : {}),
    ...(search.channel ? { channel: search.channel } : {}),
    ...(search.tag ? { tag_id: search.tag } : {}),
    ...(search.q ? { search: search.q } : {}),
    snoozed: search.snoozed === true,
  };
}
