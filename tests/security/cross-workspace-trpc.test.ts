import { beforeAll, describe, expect, it } from 'vitest';
import { serverForThisFile } from '../helpers/server';
import { type ProcedureCase, procedureStage, runOrder, tokenOf } from './cases';
import { aimed, leavesUnchanged, refusal } from './cross-workspace';
import { trpcRequest } from './fuzz-trpc';
import { contractViolation, send } from './http';
import { PROCEDURE_CASES } from './routes';
import { type Ids, makeWorld, type World } from './world';

const srv = serverForThisFile();
let a: World;
let b: World;
beforeAll(async () => {
  a = await makeWorld(srv.url);
  b = await makeWorld(srv.url);
});

const asB = (c: ProcedureCase, ids: Ids) =>
  send(srv.url, trpcRequest(c.name, c.input(b, ids), tokenOf(b, c.role)));

const errorCode = (json: unknown) =>
  (json as { error?: { data?: { code?: string } } } | undefined)?.error?.data?.code;

const owning = runOrder(
  PROCEDURE_CASES.filter((c) => c.owns.length > 0),
  procedureStage,
);

describe('a caller of another workspace, on every procedure that names a workspace-owned row', () => {
  for (const c of owning) {
    it(`${c.name}: NOT_FOUND for another workspace's row, as for no row, nothing changed`, async () => {
      for (const kind of c.owns) {
        const { theirs, missing } = aimed(a, b, kind);
        const label = `${c.name} with ${kind} of another workspace`;
        await leavesUnchanged(a, label, async () => {
          const res = await asB(c, theirs);
          const none = await asB(c, missing);
          expect(contractViolation('trpc', res), `${label}: ${res.text}`).toBeNull();
          if (!c.ignores?.includes(kind))
            expect(errorCode(res.json), `${label}: ${res.text}`).toBe('NOT_FOUND');
          const ids = [theirs[kind], missing[kind]];
          expect(refusal(res, ids), label).toEqual(refusal(none, ids));
        });
      }
    });
  }
});
