import { z } from 'zod';
import { AppError } from '../../errors';
import type { NewDirectConversation } from '../../services/direct-chat';
import { isUuid } from '../../services/ids';
import { MAX_LIMIT, pageQuery, queryInt } from '../../services/pagination';

type Issue = { field: string; message: string };

/** Laravel's 422: every failing field with its sentence, the first one as the message. */
const invalid = (issues: Issue[]) => new AppError('UNPROCESSABLE', issues[0]!.message, issues);

/** POST /conversations, checked as Laravel's form request does, every failing field at once. */
export function parseNewConversation(body: Record<string, unknown>): NewDirectConversation {
  const errors: Issue[] = [];
  const p = body.participant_uuid;
  if (p === undefined || p === null || p === '') {
    errors.push({ field: 'participant_uuid', message: 'The participant uuid field is required.' });
  } else if (typeof p !== 'string' || !isUuid(p)) {
    errors.push({
      field: 'participant_uuid',
      message: 'The participant uuid field must be a valid UUID.',
    });
  }
  const type = body.taggable_type;
  if (type !== undefined && type !== null) {
    if (typeof type !== 'string') {
      errors.push({ field: 'taggable_type', message: 'The taggable type field must be a string.' });
    } else if (type.length > 255) {
      errors.push({
        field: 'taggable_type',
        message: 'The taggable type field must not be greater than 255 characters.',
      });
    }
  }
  const id = body.taggable_id;
  // The column is a bigint read back as a JS number: only safe integers round-trip exactly.
  const idNumber = typeof id === 'string' && /^-?\d+$/.test(id) ? Number(id) : id;
  if (id !== undefined && id !== null && !Number.isSafeInteger(idNumber)) {
    errors.push({ field: 'taggable_id', message: 'The taggable id field must be an integer.' });
  }
  if (errors.length) throw invalid(errors);
  return {
    participantUuid: (p as string).toLowerCase(),
    taggableType: (type as string | null | undefined) ?? null,
    taggableId: id === undefined || id === null ? null : (idNumber as number),
  };
}

/**
 * The service's refusals to open a chat, in the words of Laravel's `exists` and `different`
 * rules on participant_uuid; anything else passes through.
 */
export function participantRefusal(err: unknown): unknown {
  if (!(err instanceof AppError)) return err;
  const message =
    err.code === 'NOT_FOUND'
      ? 'The selected participant uuid is invalid.'
      : err.code === 'UNPROCESSABLE'
        ? 'The participant uuid must be another user.'
        : undefined;
  return message ? invalid([{ field: 'participant_uuid', message }]) : err;
}

const ListQuery = z.object({
  ...pageQuery(15),
  /** Laravel's name for the page size; `limit` is accepted too. */
  per_page: queryInt('per_page', 1, MAX_LIMIT, 0),
});

/** GET /conversations' page; a refused value is a ZodError, answered as Laravel's 422. */
export function parseListQuery(query: unknown): { page: number; limit: number } {
  const q = ListQuery.parse(query);
  return { page: q.page, limit: q.per_page || q.limit };
}

/** The text of POST /conversations/:uuid/messages (`message`, or `body`). */
export function parseMessageText(body: Record<string, unknown>): string {
  const text = body.message ?? body.body;
  if (typeof text === 'string' && text.trim() !== '' && text.length <= 4096) return text;
  const message =
    typeof text === 'string' && text.length > 4096
      ? 'The message field must not be greater than 4096 characters.'
      : 'The message field is required.';
  throw invalid([{ field: 'message', message }]);
}
