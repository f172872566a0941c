import { beforeAll, describe, expect, it } from 'vitest';
import { serverForThisFile } from '../helpers/server';
import { authHeaders, procedureStage, restKeyOf, runOrder, tokenOf } from './cases';
import { trpcRequest } from './fuzz-trpc';
import { type RawResponse, send } from './http';
import { PROCEDURE_CASES, REST_CASES } from './routes';
import { toJson } from './spoil';
import { makeWorld, type World } from './world';

const srv = serverForThisFile();
let rest: World;
let trpc: World;
beforeAll(async () => {
  [rest, trpc] = [await makeWorld(srv.url), await makeWorld(srv.url)];
});

const ok = (res: RawResponse, allowed?: number[]) =>
  allowed ? allowed.includes(res.status) : res.status >= 200 && res.status < 300;

/**
 * The fuzzers spoil these requests, so each must be one the route accepts: a spoilt copy of a
 * request refused for another reason would only test that refusal.
 */
describe('the coverage list’s requests are valid', () => {
  it('each REST route accepts its request (deletes last, children first)', async () => {
    const refused: string[] = [];
    for (const c of runOrder(REST_CASES, (c) =>
      c.method === 'DELETE' ? 'delete' : c.path.endsWith('/end') ? 'end' : 'keep',
    )) {
      const req = c.request(rest, rest.ids);
      const body = req.body === undefined ? undefined : toJson(req.body);
      const res = await send(srv.url, {
        method: c.method,
        path: req.path,
        headers: {
          ...authHeaders(c, rest),
          ...req.headers,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(body !== undefined && req.sign ? req.sign(body) : {}),
        },
        body,
      });
      if (!ok(res, c.okStatus))
        refused.push(`${restKeyOf(c)} → ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(refused).toEqual([]);
  });

  it('each tRPC procedure accepts its input', async () => {
    const refused: string[] = [];
    for (const c of runOrder(PROCEDURE_CASES, procedureStage)) {
      const r = trpcRequest(
        c.name,
        c.input(trpc, trpc.ids),
        c.role ? tokenOf(trpc, c.role) : undefined,
      );
      const res = await send(srv.url, r);
      const code = (res.json as { error?: { data?: { code?: string } } } | undefined)?.error?.data
        ?.code;
      const failed = c.httpRefusal ? code !== c.httpRefusal : res.status >= 300 || code;
      if (failed) refused.push(`${c.name} → ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(refused).toEqual([]);
  });
});
