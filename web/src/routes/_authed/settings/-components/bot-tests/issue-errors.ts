import { TRPCClientError } from '@trpc/client';
import { errorMessage } from '../../../../../lib/errors';
import { type BotTestsT, zodMessageText } from './case-texts';

export interface CaseErrors {
  /** The server's messages by path inside the case ("expectations.0.text", "script.turns"). */
  fields: Record<string, string>;
  /** What names no field, for the form's alert. */
  form: string | null;
}

const NONE: CaseErrors = { fields: {}, form: null };

/**
 * A refused save split by field. The server answers zod's issues with their full paths
 * (`data.zodIssues`, `testCase.expectations.0.text` for a create, `patch.…` for an update);
 * the input's wrapper is taken off so the form can look a field up by its place in the case.
 * zod's English words are put in the console's language.
 */
export function caseErrors(error: unknown, t: BotTestsT): CaseErrors {
  if (!error) return NONE;
  const issues =
    error instanceof TRPCClientError
      ? (error.data as { zodIssues?: { path: string; message: string }[] | null } | undefined)
          ?.zodIssues
      : undefined;
  if (!issues?.length) return { fields: {}, form: errorMessage(error) };
  const fields: Record<string, string> = {};
  const loose: string[] = [];
  for (const issue of issues) {
    const path = issue.path.replace(/^(testCase|patch)\.?/, '');
    const message = zodMessageText(t, issue.message);
    if (path) fields[path] ??= message;
    else loose.push(message);
  }
  return {
    fields,
    form: loose.length ? loose.join('. ') : t('form.correct'),
  };
}
