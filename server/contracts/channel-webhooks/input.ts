import { z } from 'zod';
import { DELIVERY_STATUSES, MESSAGE_TYPES } from '../../../shared/enums';
import type { InboundMessage, ParsedDelivery, ProviderStatus } from '../../channels/types';

/** Cut to `max` characters (code points, as varchar counts them), never inside a pair. */
const cut = (max: number) => (s: string) => Array.from(s).slice(0, max).join('');

/** A provider's id of a message: the key that dedupes retried deliveries. */
const providerId = z.string().trim().min(1).max(255);

/**
 * A message a provider's parser produced, as the columns it is written to can hold it: the
 * customer's address becomes the contact's external id (varchar 50), the phone (varchar 20) is
 * dropped when it is not one, the profile name is cut to the contact name's 150 characters.
 */
const UsableInbound = z.object({
  externalId: providerId,
  from: z.string().trim().min(1).max(50),
  profileName: z.string().transform(cut(150)).nullish().catch(null),
  phoneNumber: z
    .string()
    .regex(/^\+?\d{1,19}$/)
    .nullish()
    .catch(null),
  type: z.enum(MESSAGE_TYPES),
  content: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

const UsableStatus = z.object({
  externalId: providerId,
  status: z.enum(DELIVERY_STATUSES),
  at: z
    .date()
    .refine((d) => !Number.isNaN(d.getTime()))
    .optional()
    .catch(undefined),
  errorCode: z.string().max(100).nullish().catch(null),
  errorTitle: z.string().transform(cut(500)).nullish().catch(null),
});

/**
 * What a webhook delivery carries that can be stored: each message and status is kept when it
 * is usable and counted in `ignored` when it is not, so one malformed item neither fails the
 * delivery (the provider would retry it for days) nor writes a half row.
 */
export function usableDelivery(parsed: {
  messages: unknown[];
  statuses: unknown[];
}): ParsedDelivery & { ignored: number } {
  const messages = parsed.messages.flatMap((m) => {
    const r = UsableInbound.safeParse(m);
    return r.success ? [r.data as InboundMessage] : [];
  });
  const statuses = parsed.statuses.flatMap((s) => {
    const r = UsableStatus.safeParse(s);
    return r.success ? [r.data as ProviderStatus] : [];
  });
  const ignored =
    parsed.messages.length - messages.length + parsed.statuses.length - statuses.length;
  return { messages, statuses, ignored };
}
