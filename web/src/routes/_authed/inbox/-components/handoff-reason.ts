import type { TFunction } from 'i18next';

/*
 * Why the bot handed a conversation off, in the console's language. The server records the
 * reason as an English sentence (server/ai/builtin.ts, server/services/flows/engine.ts); the
 * ones it writes itself are recognised here and translated. A reason a model or a flow's
 * author wrote is shown as written.
 */
const FIXED = {
  'The customer asked for a person': 'activity.reason.askedForPerson',
  'No answer found in the knowledge base': 'activity.reason.noAnswer',
  'The flow went round without waiting for the customer': 'activity.reason.flowLoop',
  'The flow handed the conversation to a person': 'activity.reason.flowHandoff',
} as const;

const NO_NODE = /^The flow has no node "(.*)"$/s;
const NOT_UNDERSTOOD = /^The customer's answer to "(.*)" was not understood$/s;

export function handoffReason(reason: string, t: TFunction<'inbox'>): string {
  if (Object.hasOwn(FIXED, reason)) return t(FIXED[reason as keyof typeof FIXED]);
  const noNode = NO_NODE.exec(reason);
  if (noNode) return t('activity.reason.noNode', { node: noNode[1] });
  const notUnderstood = NOT_UNDERSTOOD.exec(reason);
  if (notUnderstood) return t('activity.reason.notUnderstood', { question: notUnderstood[1] });
  return reason;
}
