import { beforeAll, describe, expect, it } from 'vitest';
import { serverForThisFile } from '../helpers/server';
import { authHeaders, formatOf, type RestCase, restKeyOf, runOrder } from './cases';
import { aimed, leavesUnchanged, refusal } from './cross-workspace';
import { contractViolation, type RawRequest, send } from './http';
import { REST_CASES } from './routes';
import { toJson } from './spoil';
import { type Ids, makeWorld, missingIds, type World } from './world';

const srv = serverForThisFile();
let a: World;
let b: World;
beforeAll(async () => {
  a = await makeWorld(srv.url);
  b = await makeWorld(srv.url);
});

/** `b`'s caller sending the route's valid request with `ids`. */
function asB(c: RestCase, ids: Ids): RawRequest {
  const req = c.request(b, ids);
  const body = req.body === undefined || c.method === 'GET' ? undefined : toJson(req.body);
  const headers = {
    ...authHeaders(c, b),
    ...req.headers,
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(body !== undefined && req.sign ? req.sign(body) : {}),
  };
  return { method: c.method, path: req.path, headers, body };
}

const owning = runOrder(
  REST_CASES.filter((c) => c.owns.length > 0),
  (c) => (c.method === 'DELETE' ? 'delete' : 'keep'),
);

describe('a caller of another workspace, on every route that names a workspace-owned row', () => {
  for (const c of owning) {
    it(`${restKeyOf(c)}: 404 for another workspace's row, told apart from no row by nothing, nothing changed`, async () => {
      for (const kind of c.owns) {
        const { theirs, missing } = aimed(a, b, kind);
        const inPath = c.request(b, theirs).path !== c.request(b, b.ids).path;
        const label = `${restKeyOf(c)} with ${kind} of another workspace`;
        await leavesUnchanged(a, label, async () => {
          const res = await send(srv.url, asB(c, theirs));
          const none = await send(srv.url, asB(c, missing));
          expect(contractViolation(formatOf(c.path), res), label).toBeNull();
          if (!c.ignores?.includes(kind))
            expect(res.status, `${label}: ${res.text}`).toBeGreaterThanOrEqual(400);
          if (inPath) expect(res.status, `${label}: ${res.text}`).toBe(c.crossStatus ?? 404);
          // Its answer is the one for an id that names nothing (a webhook's secret is
          // checked against the integration the id names, so there the two differ by design).
          if (c.crossStatus === undefined) {
            const ids = [theirs[kind], missing[kind]];
            expect(refusal(res, ids), label).toEqual(refusal(none, ids));
          }
        });
      }
    });
  }

  it('leaves no row of the other workspace in its lists and reads, filtered by its ids or not', async () => {
    const reads = REST_CASES.filter((c) => c.method === 'GET' && c.caller === 'user');
    const markers = [
      a.ids.contactExternalId,
      a.ids.conversationUuid,
      a.ids.chatbot,
      a.ids.userUuid,
    ];
    // The list filters that take ids: another workspace's must match nothing, as no row does.
    const filters = (ids: Ids) =>
      `contact_id=${ids.contact}&tag_ids=${ids.tag}&tag_id=${ids.tag}&botId=${ids.chatbot}` +
      `&operatorId=${ids.userUuid}&assigned_user=${ids.user}`;
    const missing = missingIds();
    for (const c of reads) {
      const plain = asB(c, b.ids);
      const join = plain.path.includes('?') ? '&' : '?';
      const res = await send(srv.url, plain);
      const theirs = await send(srv.url, {
        ...plain,
        path: `${plain.path}${join}${filters(a.ids)}`,
      });
      const none = await send(srv.url, {
        ...plain,
        path: `${plain.path}${join}${filters(missing)}`,
      });
      expect(res.status, `${restKeyOf(c)}: ${res.text.slice(0, 200)}`).toBeLessThan(300);
      expect(theirs.status, `${restKeyOf(c)} filtered: ${theirs.text.slice(0, 200)}`).toBe(
        none.status,
      );
      for (const marker of markers) {
        expect(res.text, restKeyOf(c)).not.toContain(marker);
        expect(theirs.text, `${restKeyOf(c)} filtered`).not.toContain(marker);
      }
    }
  });
});
