import { storable, unstorable } from '../../shared/storable-text';
import { config } from '../config';
import { AppError, RequestError } from '../errors';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const U = 0x75;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The code unit of the `\uXXXX` escape at `i` (the backslash), NaN when it is not one. */
function escapeAt(text: string, i: number): number {
  if (text.charCodeAt(i) !== BACKSLASH || text.charCodeAt(i + 1) !== U) return Number.NaN;
  const hex = text.slice(i + 2, i + 6);
  return /^[0-9a-f]{4}$/i.test(hex) ? Number.parseInt(hex, 16) : Number.NaN;
}

/**
 * What makes JSON text unusable before it is parsed, in one pass over it: nesting deeper than
 * `maxDepth` (PostgreSQL's jsonb and our own recursive code would fail on it), or a string
 * PostgreSQL cannot store: a NUL (`\u0000`) or an unpaired surrogate, escaped or raw. A
 * surrogate pair, escaped or not, is an ordinary character. Text that is not JSON at all is
 * left to JSON.parse to refuse.
 */
export function jsonTextFault(text: string, maxDepth: number): 'depth' | 'unstorable' | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!inString) {
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (++depth > maxDepth) return 'depth';
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
      continue;
    }
    if (c === QUOTE) inString = false;
    else if (c === BACKSLASH) {
      const unit = escapeAt(text, i);
      if (Number.isNaN(unit)) {
        i++; // an escaped character, such as \" or \\
        continue;
      }
      if (unit === 0 || isLow(unit)) return 'unstorable';
      if (isHigh(unit)) {
        if (!isLow(escapeAt(text, i + 6))) return 'unstorable';
        i += 6;
      }
      i += 5;
    } else if (isHigh(c)) {
      if (!isLow(text.charCodeAt(i + 1))) return 'unstorable';
      i++;
    } else if (isLow(c)) return 'unstorable';
  }
  return undefined;
}

/**
 * The body's top-level fields that hold unstorable text (`body` when the body is not an
 * object), for a message that names them as the other validation errors do.
 */
function unstorableFields(value: unknown): { field: string; message: string }[] {
  const fields =
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value)
          .filter(([key, v]) => !storable(key) || !storable(v))
          .map(([key]) => (storable(key) ? key : 'body'))
      : ['body'];
  return [...new Set(fields)].map((field) => ({ field, message: unstorable(field) }));
}

/** The inputs of tRPC's HTTP batch, `{"0": input, ...}`. */
const batchInputs = (body: unknown): unknown[] =>
  body && typeof body === 'object' ? Object.values(body) : [body];

/**
 * Why JSON text is refused as every body parser refuses it (depth, storable text), without
 * parsing text that passes; undefined when it passes. `inputsOf`: where the inputs are in the
 * parsed text, whose top-level fields the message names (the text itself by default).
 */
export function jsonTextRefusal(
  text: string,
  inputsOf: (body: unknown) => unknown[] = (body) => [body],
): RequestError | AppError | undefined {
  const maxDepth = config.JSON_MAX_DEPTH;
  const fault = jsonTextFault(text, maxDepth);
  if (fault === 'depth') {
    return new RequestError(
      400,
      `The body nests arrays and objects deeper than ${maxDepth} levels`,
    );
  }
  if (fault === 'unstorable') {
    let body: unknown;
    try {
      body = parseJsonText(text);
    } catch (error) {
      return error as RequestError;
    }
    const issues = inputsOf(body).flatMap(unstorableFields);
    const named = issues.filter((i, n) => issues.findIndex((j) => j.field === i.field) === n);
    const [first, ...more] =
      named.length > 0 ? named : [{ field: 'body', message: unstorable('body') }];
    return new AppError('BAD_REQUEST', first!.message, [first!, ...more]);
  }
  return undefined;
}

/**
 * Checks JSON text as every body parser does (jsonTextRefusal), without parsing it: tRPC
 * parses the text itself afterwards. `batch`: the body is tRPC's batch, and the fields named
 * are the inputs' own.
 */
export function checkJsonText(text: string, options: { batch?: boolean } = {}): void {
  const refusal = jsonTextRefusal(text, options.batch ? batchInputs : undefined);
  if (refusal) throw refusal;
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError(400, 'The body is not valid JSON');
  }
}

/**
 * JSON text from a body, checked and parsed. `strict`: only an object or an array, as
 * express.json took them (a bare `null` or `"text"` is no request body).
 */
export function parseJsonBody(text: string, options: { strict?: boolean } = {}): unknown {
  checkJsonText(text);
  const value = parseJsonText(text);
  if (options.strict && (value === null || typeof value !== 'object')) {
    throw new RequestError(400, 'The body must be a JSON object or array');
  }
  return value;
}
