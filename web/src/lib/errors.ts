import { TRPCClientError } from '@trpc/client';

/** A sentence to show a person for a failed call. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof TRPCClientError)) {
    return error instanceof Error ? error.message : 'Something went wrong.';
  }
  // No response at all: fetch failed before the server could answer.
  if (error.data === undefined && error.cause instanceof TypeError) {
    return 'Cannot reach the server. Check your connection and try again.';
  }
  return validationMessages(error.message) ?? error.message;
}

// Without a custom error formatter, tRPC sends zod issues as a JSON array in `message`.
function validationMessages(message: string): string | undefined {
  if (!message.startsWith('[')) return undefined;
  try {
    const issues = JSON.parse(message) as Array<{ message?: unknown }>;
    const texts = issues.map((issue) => issue.message).filter((m) => typeof m === 'string');
    return texts.length > 0 ? texts.join(' ') : undefined;
  } catch {
    return undefined;
  }
}
