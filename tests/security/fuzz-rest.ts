import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { serverForThisFile } from '../helpers/server';
import { authHeaders, formatOf, type Req, type RestCase, restKeyOf } from './cases';
import { BadAnswers, contractViolation, type RawRequest, send } from './http';
import {
  appendQuery,
  BAD_IDS,
  CONTENT_ENCODINGS,
  CONTENT_TYPES,
  fieldSpoil,
  headerSpoil,
  idSegment,
  querySpoil,
  RAW_BODIES,
  RUNS,
  rawBody,
  spoilFields,
  toJson,
} from './spoil';
import { makeWorld, type World } from './world';

const hasBody = (method: string) => method !== 'GET' && method !== 'HEAD';

/** The request as sent: JSON body, the caller's headers (or none), a signature over the bytes. */
function build(c: RestCase, req: Req, w: World, authed: boolean): RawRequest {
  const body = hasBody(c.method) && req.body !== undefined ? toJson(req.body) : undefined;
  return finish(
    {
      method: c.method,
      path: req.path,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(authed ? { ...authHeaders(c, w), ...req.headers } : {}),
      },
      body,
    },
    req,
    authed,
  );
}

function finish(r: RawRequest, req: Req, authed: boolean): RawRequest {
  if (!authed || !req.sign || r.body === undefined) return r;
  return { ...r, headers: { ...r.headers, ...req.sign(r.body.toString()) } };
}

/** `path` with the segments the route declares as `:params` replaced by `segment`. */
function withIds(route: string, path: string, segment: string): string {
  const [bare, query] = path.split('?') as [string, string | undefined];
  const declared = route.split('/');
  const parts = bare.split('/').map((p, i) => (declared[i]?.startsWith(':') ? segment : p));
  return parts.join('/') + (query === undefined ? '' : `?${query}`);
}

type Kind = 'path ids' | 'body fields' | 'raw bodies' | 'content headers' | 'query strings';

function kindsOf(c: RestCase): Kind[] {
  const kinds: Kind[] = ['query strings'];
  if (c.path.includes(':')) kinds.push('path ids');
  if (hasBody(c.method)) kinds.push('body fields', 'raw bodies', 'content headers');
  return kinds;
}

/** A property over one kind of spoil: what it generates, the fixed examples, how it spoils. */
function propertyOf(
  kind: Kind,
  c: RestCase,
  valid: () => RawRequest,
  req: () => Req,
  authed: boolean,
) {
  const signed = (r: RawRequest) => finish(r, req(), authed);
  switch (kind) {
    case 'path ids':
      return {
        arb: idSegment,
        examples: BAD_IDS,
        spoil: (s: string) => ({ ...valid(), path: withIds(c.path, valid().path, s) }),
      };
    case 'query strings':
      return {
        arb: querySpoil,
        examples: [[['page', '%FF'] as [string, string], ['limit', '1e400'] as [string, string]]],
        spoil: (q: [string, string][]) => ({ ...valid(), path: appendQuery(valid().path, q) }),
      };
    case 'body fields':
      return {
        arb: fieldSpoil,
        examples: [] as { field: number; value: unknown; whole: boolean }[],
        spoil: (s: { field: number; value: unknown; whole: boolean }) =>
          signed({ ...valid(), body: toJson(spoilFields(req().body, s)) }),
      };
    case 'raw bodies':
      return {
        arb: rawBody,
        examples: RAW_BODIES,
        spoil: (raw: string | Buffer) => signed({ ...valid(), body: raw }),
      };
    case 'content headers':
      return {
        arb: headerSpoil,
        examples: [
          ...CONTENT_ENCODINGS.map((e) => ({
            contentType: 'application/json',
            contentEncoding: e,
            raw: undefined,
          })),
          ...CONTENT_TYPES.map((t) => ({
            contentType: t,
            contentEncoding: undefined,
            raw: undefined,
          })),
        ],
        spoil: (h: { contentType: string; contentEncoding?: string; raw?: string | Buffer }) => {
          const v = valid();
          const headers = { ...v.headers, 'content-type': h.contentType };
          if (h.contentEncoding) Object.assign(headers, { 'content-encoding': h.contentEncoding });
          return signed({ ...v, headers, body: h.raw ?? v.body ?? '{}' });
        },
      };
  }
}

/**
 * Declares the fuzz tests of `cases`: for each route, each kind of bad input, with and
 * without the caller's credentials, no answer is a 5xx and every error has the contract's body.
 */
export function fuzzRoutes(area: string, cases: RestCase[]) {
  const srv = serverForThisFile();
  let world: World;
  beforeAll(async () => {
    world = await makeWorld(srv.url);
  });

  describe(`fuzz: ${area}`, () => {
    for (const c of cases) {
      const callers = c.caller === 'public' ? [true] : [true, false];
      for (const kind of kindsOf(c)) {
        it(`${restKeyOf(c)} · ${kind}`, async () => {
          const bad = new BadAnswers();
          for (const authed of callers) {
            const req = () => c.request(world, world.ids);
            const valid = () => build(c, req(), world, authed);
            const p = propertyOf(kind, c, valid, req, authed);
            const check = async (spoilt: RawRequest) => {
              let res: Awaited<ReturnType<typeof send>> | Error;
              try {
                res = await send(srv.url, spoilt);
              } catch (e) {
                res = e as Error;
              }
              const why =
                res instanceof Error ? 'no answer' : contractViolation(formatOf(c.path), res);
              if (why) bad.add(authed ? why : `${why} (no credentials)`, spoilt, res);
            };
            for (const example of p.examples) await check(p.spoil(example as never));
            await fc.assert(
              fc.asyncProperty(p.arb as fc.Arbitrary<unknown>, (s) => check(p.spoil(s as never))),
              { numRuns: RUNS },
            );
          }
          bad.throwIfAny();
        });
      }
    }
  });
}
