import { describe, expect, it } from 'vitest';
import { makeContact } from '../factories/contact';
import { makeTag } from '../factories/tag';
import { callerFor } from '../helpers/auth';
import { crmWorkspace } from '../helpers/crm';
import { api, serverForThisFile } from '../helpers/server';
import { workspaceSnapshot } from './snapshot';

const srv = serverForThisFile();

/** A tag id that names no tag anywhere (ids are int4, handed out from 1). */
const NO_TAG = 2_147_483_000;

describe('a tag id in a body that names no tag of the workspace', () => {
  it('gets the same answer whether it is another workspace’s tag or no tag, and writes nothing', async () => {
    const a = await crmWorkspace();
    const theirs = await makeTag(a.actor);
    const b = await crmWorkspace();
    const own = await makeContact(b.actor);
    const before = await workspaceSnapshot(a.workspace.id);
    const answers = [];
    for (const tag of [theirs.id, NO_TAG]) {
      const rest = [];
      for (const [method, path, body] of [
        ['POST', '/contacts', { external_id: 'ext-foreign-tag', tag_ids: [tag] }],
        ['POST', `/contacts/${own.id}/tags`, { tag_ids: [tag] }],
        // Ignored, as any tag the contact does not carry is (the seed).
        ['DELETE', `/contacts/${own.id}/tags`, { tag_ids: [tag] }],
      ] as const) {
        const res = await api(srv.url, method, path, { token: b.token, body });
        rest.push({ status: res.status, body: res.body.tags ?? res.body });
      }
      const trpc = callerFor(b.admin).contacts;
      const refusals = await Promise.all(
        [
          () => trpc.create({ external_id: 'ext-foreign-tag', tag_ids: [tag] }),
          () => trpc.addTags({ id: own.id, tag_ids: [tag] }),
        ].map((call) =>
          call().catch((e: { code: string; message: string }) => [e.code, e.message]),
        ),
      );
      answers.push({ rest, refusals });
    }
    const notFound = {
      status: 404,
      body: { statusCode: 404, message: 'Tag not found', error: 'Not Found' },
    };
    const tagNotFound = ['NOT_FOUND', 'Tag not found'];
    const expected = {
      rest: [notFound, notFound, { status: 200, body: [] }],
      refusals: [tagNotFound, tagNotFound],
    };
    expect(answers).toEqual([expected, expected]);
    expect(await workspaceSnapshot(a.workspace.id)).toEqual(before);
    const [contact] = (
      await api(srv.url, 'GET', `/contacts?external_id=ext-foreign-tag`, { token: b.token })
    ).body.data;
    expect(contact).toBeUndefined();
  });
});
