import type { ConversationStatus } from '../../../shared/enums';
import { AppError } from '../../errors';

/**
 * Seed 000 speaks ACTIVE/CLOSED; we also have paused (a human took over). Out: active→ACTIVE,
 * paused→PAUSED, ended→CLOSED. In: any of those, either case, and ENDED/OPEN as synonyms.
 */
const TO_SEED: Record<ConversationStatus, string> = {
  active: 'ACTIVE',
  paused: 'PAUSED',
  ended: 'CLOSED',
};
const FROM_SEED: Record<string, ConversationStatus> = {
  active: 'active',
  open: 'active',
  paused: 'paused',
  closed: 'ended',
  ended: 'ended',
};

export const seedStatus = (s: ConversationStatus) => TO_SEED[s];

export function parseSeedStatus(raw: unknown): ConversationStatus {
  const status = typeof raw === 'string' ? FROM_SEED[raw.toLowerCase()] : undefined;
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
