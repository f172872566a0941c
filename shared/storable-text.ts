/**
 * Whether PostgreSQL can store the value as jsonb: it refuses NUL characters and unpaired
 * surrogates, which JSON.stringify writes as `\u0000` and `\udXXX` escapes (an escaped
 * backslash before them is text, not an escape). Messages' content and metadata are checked
 * with it, so such text is a 400 rather than a failed write.
 */
export const storable = (value: unknown) =>
  !/(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i.test(JSON.stringify(value));

/** The validation message for `field` when it is not storable. */
export const unstorable = (field: string) =>
  `${field} must not contain NUL characters or unpaired surrogates`;
