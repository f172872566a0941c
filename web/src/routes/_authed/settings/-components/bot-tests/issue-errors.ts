import { TRPCClientError } from '@trpc/client';
import { errorMessage } from '../../../../../lib/errors';

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
 */
export function caseErrors(error: unknown): CaseErrors {
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
    if (path) fields[path] ??= issue.message;
    else loose.push(issue.message);
  }
  return {
    fields,
    form: loose.length ? loose.join('. ') : 'Please correct the fields marked below.',
  };
}
