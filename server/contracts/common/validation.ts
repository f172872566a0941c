import type { z } from 'zod';

const ZOD_DEFAULT = /^(Invalid |Too (big|small):|Unrecognized key)/;

/**
 * Turns zod issues into the class-validator sentences the seed contracts show
 * (`name should not be empty`, `name must be a string`, ...).
 */
export function issueMessages(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    // A message the schema wrote itself is already such a sentence; zod's own defaults
    // ("Invalid input: ...", "Too big: ...") are rewritten below.
    if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
    const field = issue.path.join('.') || 'value';
    switch (issue.code) {
      case 'invalid_type':
        // zod 4 drops `input` from issues, but its default message names what it received.
        if (/received (undefined|null)$/.test(issue.message)) return `${field} should not be empty`;
        return `${field} must be ${article(issue.expected)}`;
      case 'too_small':
        if (issue.origin === 'string') {
          return Number(issue.minimum) <= 1
            ? `${field} should not be empty`
            : `${field} must be longer than or equal to ${issue.minimum} characters`;
        }
        if (issue.origin === 'array')
          return `${field} must contain at least ${issue.minimum} elements`;
        return `${field} must not be less than ${issue.minimum}`;
      case 'too_big':
        if (issue.origin === 'string') {
          return `${field} must be shorter than or equal to ${issue.maximum} characters`;
        }
        if (issue.origin === 'array')
          return `${field} must contain no more than ${issue.maximum} elements`;
        return `${field} must not be greater than ${issue.maximum}`;
      case 'invalid_format':
        return `${field} must be a valid ${issue.format === 'datetime' ? 'ISO 8601 date string' : issue.format}`;
      case 'invalid_value':
        return `${field} must be one of the following values: ${issue.values.join(', ')}`;
      case 'custom':
        return issue.message;
      case 'unrecognized_keys':
        return issue.keys.map((k) => `property ${k} should not exist`).join('; ');
      default:
        return `${field} ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
    }
  });
}

function article(expected: string): string {
  if (expected === 'int' || expected === 'number') return 'an integer number';
  if (expected === 'array' || expected === 'object') return `an ${expected}`;
  return `a ${expected}`;
}
