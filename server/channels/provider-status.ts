import { and, eq } from 'drizzle-orm';
import type { DeliveryStatus } from '../../shared/enums';
import { db } from '../db/client';
import { messages } from '../db/schema';
import { advanceDeliveryStatus } from '../services/messages/status';

/** A delivery report from a provider, already mapped to our statuses. */
export interface ProviderStatus {
  externalId: string;
  status: DeliveryStatus;
  at?: Date;
  errorCode?: string | null;
  errorTitle?: string | null;
}

/**
 * Applies a provider's delivery report to our message. Reports can arrive out of order (a read
 * before its delivered): the highest status wins, as advanceDeliveryStatus guarantees.
 */
export async function applyProviderStatus(
  integrationId: number,
  report: ProviderStatus,
): Promise<boolean> {
  const [message] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(eq(messages.integrationId, integrationId), eq(messages.externalId, report.externalId)),
    );
  if (!message) return false;
  return (await advanceDeliveryStatus(message.id, report)) !== null;
}
