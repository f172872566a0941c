import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { serverForThisFile } from '../helpers/server';
import { type ProcedureCase, tokenOf } from './cases';
import { BadAnswers, contractViolation, type RawRequest, type RawResponse, send } from './http';
import { trpcProcedures } from './route-table';
import {
  CONTENT_ENCODINGS,
  CONTENT_TYPES,
  fieldSpoil,
  headerSpoil,
  RAW_BODIES,
  RUNS,
  rawBody,
  spoilFields,
  toJson,
} from './spoil';
import { makeWorld, type World } from './world';

const typeOf = (name: string) => trpcProcedures().find((p) => p.name === name)?.type;
const mutation = (name: string) => typeOf(name) === 'mutation';

/** Bytes as a query value: every byte percent-escaped, so invalid UTF-8 stays invalid. */
const asQueryValue = (raw: string | Buffer) =>
  [...(Buffer.isBuffer(raw) ? raw : Buffer.from(raw))]
    .map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`)
    .join('');

/** A procedure call as tRPC's HTTP link makes it: GET ?input= for reads, a POST body for writes. */
export function trpcRequest(
  name: string,
  input: unknown,
  token: string | undefined,
  rawInput?: string | Buffer,
): RawRequest {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const text = rawInput ?? (input === undefined ? undefined : toJson(input));
  if (!mutation(name)) {
    const query = text === undefined ? '' : `?input=${asQueryValue(text)}`;
    return { method: 'GET', path: `/trpc/${name}${query}`, headers };
  }
  return {
    method: 'POST',
    path: `/trpc/${name}`,
    headers: { ...headers, 'content-type': 'application/json' },
    body: text ?? '',
  };
}

/** A batch answers an array of envelopes; each error in it must be one. */
function violation(res: RawResponse): string | null {
  if (!Array.isArray(res.json)) return contractViolation('trpc', res);
  if (res.status >= 500) return `status ${res.status}`;
  for (const item of res.json as { error?: { data?: { httpStatus?: number } } }[]) {
    if (item?.error?.data?.httpStatus && item.error.data.httpStatus >= 500)
      return 'a 5xx in the batch';
  }
  return null;
}

type Kind = 'input fields' | 'raw input' | 'content headers' | 'envelope';

function propertyOf(kind: Kind, c: ProcedureCase, w: World, token: string | undefined) {
  const input = () => c.input(w, w.ids);
  const none = fc.constant(null);
  switch (kind) {
    case 'input fields':
      return {
        arb: fieldSpoil as fc.Arbitrary<unknown>,
        examples: [] as unknown[],
        spoil: (s: unknown) => trpcRequest(c.name, spoilFields(input(), s as never), token),
      };
    case 'raw input':
      return {
        arb: rawBody as fc.Arbitrary<unknown>,
        // A URL past node's header limit gets node's own 431 before the app sees it.
        examples: (mutation(c.name)
          ? RAW_BODIES
          : RAW_BODIES.filter((b) => b.length < 4096)) as unknown[],
        spoil: (raw: unknown) => trpcRequest(c.name, undefined, token, raw as string),
      };
    case 'content headers':
      return {
        arb: headerSpoil as fc.Arbitrary<unknown>,
        examples: [
          ...CONTENT_ENCODINGS.map((e) => ({
            contentType: 'application/json',
            contentEncoding: e,
          })),
          ...CONTENT_TYPES.map((t) => ({ contentType: t })),
        ] as unknown[],
        spoil: (h: unknown) => {
          const { contentType, contentEncoding, raw } = h as {
            contentType: string;
            contentEncoding?: string;
            raw?: string;
          };
          const r = trpcRequest(c.name, input(), token, raw);
          const headers = { ...r.headers, 'content-type': contentType };
          if (contentEncoding) Object.assign(headers, { 'content-encoding': contentEncoding });
          return { ...r, headers };
        },
      };
    case 'envelope': {
      const valid = toJson(input() ?? null);
      const batch = (n: number) =>
        `{${Array.from({ length: n }, (_, i) => `"${i}":${valid}`).join(',')}}`;
      const names = (n: number) => Array.from({ length: n }, () => c.name).join(',');
      const auth = token ? { authorization: `Bearer ${token}` } : undefined;
      const get = (path: string): RawRequest => ({ method: 'GET', path, headers: auth });
      const post = (path: string, body: string): RawRequest => ({
        method: 'POST',
        path,
        headers: { ...auth, 'content-type': 'application/json' },
        body,
      });
      return {
        arb: none as fc.Arbitrary<unknown>,
        examples: [
          get(`/trpc/${c.name}?batch=1&input=${asQueryValue(batch(1))}`),
          get(`/trpc/${names(3)}?batch=1&input=${asQueryValue(batch(3))}`),
          get(`/trpc/${names(20)}?batch=1&input=${asQueryValue('{}')}`),
          post(`/trpc/${names(3)}?batch=1`, batch(3)),
          post(`/trpc/${c.name}?batch=1`, '[1,2,3]'),
          get(`/trpc/${c.name}?input=%FF%FE&input=${asQueryValue(valid)}`),
          get(`/trpc/${c.name}?batch=%FF&input=%ED%A0%80`),
          post(`/trpc/${c.name}`, valid),
          get(`/trpc/${c.name}%FF`),
          get(`/trpc/${c.name}.__proto__`),
          { method: 'PUT', path: `/trpc/${c.name}`, headers: auth },
        ] as unknown[],
        spoil: (r: unknown) => r as RawRequest,
      };
    }
  }
}

/**
 * Declares the fuzz tests of `cases`: each procedure, each kind of bad input, with and without a
 * token of the role it needs: no 5xx, and every error in tRPC's envelope.
 */
export function fuzzProcedures(area: string, cases: ProcedureCase[]) {
  const srv = serverForThisFile();
  let world: World;
  beforeAll(async () => {
    world = await makeWorld(srv.url);
  });

  describe(`fuzz: ${area}`, () => {
    for (const c of cases) {
      const kinds: Kind[] = ['input fields', 'raw input', 'envelope'];
      if (mutation(c.name)) kinds.push('content headers');
      for (const kind of kinds) {
        it(`${c.name} · ${kind}`, async () => {
          const bad = new BadAnswers();
          // Without a token a procedure refuses before it parses its input: only the adapter's
          // reading of the body is left to try.
          const callers =
            c.role === null
              ? [false]
              : kind === 'raw input' || kind === 'content headers'
                ? [true, false]
                : [true];
          for (const authed of callers) {
            const p = propertyOf(kind, c, world, authed ? tokenOf(world, c.role) : undefined);
            const check = async (r: RawRequest) => {
              let res: RawResponse | Error;
              try {
                res = await send(srv.url, r);
              } catch (e) {
                res = e as Error;
              }
              const why = res instanceof Error ? 'no answer' : violation(res);
              if (why) bad.add(why, r, res);
            };
            for (const example of p.examples) await check(p.spoil(example));
            if (kind !== 'envelope') {
              await fc.assert(
                fc.asyncProperty(p.arb, (s) => check(p.spoil(s))),
                { numRuns: RUNS },
              );
            }
          }
          bad.throwIfAny();
        });
      }
    }
  });
}
