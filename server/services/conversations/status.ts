import type { ConversationStatus } from '../../../shared/enums';
import { AppError } from '../../errors';

/**
 * The chatbot platform's status names (served by contracts/chatbot-platform): ACTIVE/CLOSED,
 * and PAUSED for ours when a human took over. Out: active→ACTIVE, paused→PAUSED, ended→CLOSED.
 * In: any of those, either case, and ENDED/OPEN as synonyms.
 */
const TO_PLATFORM: Record<ConversationStatus, string> = {
  active: 'ACTIVE',
  paused: 'PAUSED',
  ended: 'CLOSED',
};
const FROM_PLATFORM: Record<string, ConversationStatus> = {
  active: 'active',
  open: 'active',
  paused: 'paused',
  closed: 'ended',
  ended: 'ended',
};

export const platformStatus = (s: ConversationStatus) => TO_PLATFORM[s];

export function parsePlatformStatus(raw: unknown): ConversationStatus {
  const status = typeof raw === 'string' ? FROM_PLATFORM[raw.toLowerCase()] : undefined;
  if (!status) {
    throw new AppError('BAD_REQUEST', 'Invalid status', [
      {
        field: 'status',
        message: 'status must be one of the following values: ACTIVE, PAUSED, CLOSED',
      },
    ]);
  }
  return status;
}
