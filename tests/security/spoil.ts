import fc from 'fast-check';

/**
 * The bad inputs the suite throws at every route: fast-check arbitraries, and the known
 * troublemakers as constants so each run tries them whatever the random seed.
 */

const deep = (open: string, middle: string, close: string, n: number) =>
  open.repeat(n) + middle + close.repeat(n);

/** Path ids: malformed and overlong UTF-8 escapes, numbers past int4/int8, traversal. */
export const BAD_IDS = [
  '%FF',
  '%ED%A0%80',
  '%C0%AF',
  '%00',
  '%',
  '%E0%A4%A',
  '-1',
  '0',
  '1.5',
  '1e400',
  '2147483648',
  '9223372036854775808',
  '99999999999999999999999999',
  'NaN',
  '%20',
  'null',
  '%2e%2e%2f',
  '%F0%9F%98%80',
  'x'.repeat(3000),
  "1'%20or%20'1'%3D'1",
];

const encoded = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%B0%80'; // a lone surrogate encodeURIComponent refuses: its UTF-8 form
  }
};

export const idSegment = fc.oneof(
  fc.constantFrom(...BAD_IDS),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.double().map(String),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map(encoded),
);

/** Marks a number JSON.stringify cannot write; `toJson` puts it in the text as it is. */
const RAW = '\u0001RAW:';
const rawNumber = (text: string) => `${RAW}${text}`;

export function toJson(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(/"\\u0001RAW:([^"]*)"/g, '$1');
}

export const BAD_VALUES: unknown[] = [
  null,
  true,
  -1,
  0,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e308,
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  'x'.repeat(20_000),
  [],
  {},
  [null],
  { a: { b: [{}] } },
  '2147483648',
  '1e400',
  '%FF',
  rawNumber('1e400'),
  rawNumber('-1e400'),
  rawNumber('123456789012345678901234567890'),
  rawNumber('-0'),
  rawNumber('9007199254740993'),
];

/** A value of the wrong type, range or text for any field. */
export const badValue = fc.oneof(
  fc.constantFrom(...BAD_VALUES),
  fc.anything({ maxDepth: 2 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

const MB = 1024 * 1024;
/** Bodies that are not the JSON they claim to be, or JSON no parser should be asked to hold. */
export const RAW_BODIES: (string | Buffer)[] = [
  '{',
  '{"a":',
  'nul',
  '"\\ud800"',
  '{"name":"\\ud800","content":"\\udfff","text":"a\\u0000b"}',
  deep('[', '', ']', 5000),
  deep('{"a":', '1', '}', 5000),
  '['.repeat(100_000),
  '\ufeff{}',
  'a=1&b=2',
  '',
  'null',
  '[]',
  '"text"',
  '12',
  '{"__proto__":{"role":"admin"},"constructor":{"prototype":{}}}',
  // Field names that are Object.prototype's own, carrying text a validator refuses: an error
  // body keyed by field must not be a plain object.
  '{"__proto__":"\\u0000","constructor":"\\ud800","toString":"\\u0000"}',
  '{"a":1e400,"b":-1e400,"id":123456789012345678901234567890}',
  `{"name":"${'x'.repeat(1.2 * MB)}"}`,
  Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
  Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00]),
];

export const rawBody = fc.oneof(
  fc.constantFrom(...RAW_BODIES),
  fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
  fc.string({ unit: 'binary', maxLength: 64 }),
);

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset="',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/vnd.api+json',
  '*/*',
  '',
];

export const CONTENT_ENCODINGS = [
  'gzip',
  'br',
  'deflate',
  'identity',
  'x-bogus',
  'gzip, br',
  'GZIP',
];

export const headerSpoil = fc.record({
  contentType: fc.constantFrom(...CONTENT_TYPES),
  contentEncoding: fc.option(fc.constantFrom(...CONTENT_ENCODINGS), { nil: undefined }),
  raw: fc.option(rawBody, { nil: undefined }),
});

const QUERY_KEYS = [
  'page',
  'limit',
  'per_page',
  'cursor',
  'status',
  'search',
  'all',
  'contact_id',
  'tag_ids',
  'tag_ids[]',
  'page[a]',
  'sort',
  'assigned_user',
  'channel',
  'publicKey',
  'hub.verify_token',
  'secret',
  '__proto__',
];

/** Extra query parameters (a repeated key becomes an array in express's parser). */
export const querySpoil = fc.array(
  fc.tuple(fc.constantFrom(...QUERY_KEYS), fc.oneof(idSegment, fc.constantFrom('', '%FF%FE'))),
  { minLength: 1, maxLength: 4 },
);

export const appendQuery = (path: string, pairs: [string, string][]) =>
  path +
  (path.includes('?') ? '&' : '?') +
  pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');

/** The paths to every leaf of a JSON value, plus a few keys no schema expects. */
export function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  const extra = [...prefix, 'extra'];
  if (Array.isArray(value))
    return [extra, ...value.flatMap((v, i) => fieldPaths(v, [...prefix, String(i)]))];
  if (typeof value === 'object' && value !== null) {
    const own = Object.entries(value).flatMap(([k, v]) => fieldPaths(v, [...prefix, k]));
    return [...own, extra, [...prefix, '__proto__'], [...prefix, 'constructor']];
  }
  return [prefix];
}

/** A copy of `value` with the field at `path` set to `to` (the root when the path is empty). */
export function setField(value: unknown, path: string[], to: unknown): unknown {
  if (path.length === 0) return to;
  const [head, ...rest] = path as [string, ...string[]];
  const base: Record<string, unknown> =
    typeof value === 'object' && value !== null ? { ...(value as object) } : {};
  const copy = Array.isArray(value) ? Object.assign([...value], base) : base;
  Object.defineProperty(copy, head, {
    value: setField(base[head], rest, to),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** Wrong values for the fields of a valid body or input (or the whole of it). */
export const fieldSpoil = fc.record({ field: fc.nat(), value: badValue, whole: fc.boolean() });

export function spoilFields(valid: unknown, s: { field: number; value: unknown; whole: boolean }) {
  const paths = fieldPaths(valid ?? {});
  return s.whole ? s.value : setField(valid ?? {}, paths[s.field % paths.length]!, s.value);
}

/** How many random cases each (route, kind, caller) gets beside the fixed examples. */
export const RUNS = Number(process.env.SECURITY_FUZZ_RUNS ?? 4);
