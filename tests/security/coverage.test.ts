import { describe, expect, it } from 'vitest';
import { restKeyOf } from './cases';
import { inputParsers, restKey, restRoutes, trpcProcedures } from './route-table';
import { PROCEDURE_CASES, REST_CASES } from './routes';
import { missingIds, type World } from './world';

/** Names present on one side only, so the failure says which route to add or drop. */
function difference(declared: string[], listed: string[]) {
  const listedSet = new Set(listed);
  const declaredSet = new Set(declared);
  return {
    notCovered: declared.filter((k) => !listedSet.has(k)),
    notDeclared: listed.filter((k) => !declaredSet.has(k)),
    listedTwice: listed.filter((k, i) => listed.indexOf(k) !== i),
  };
}

describe('the security suite covers every route', () => {
  it('lists each REST route the routers declare, once, and none they do not', () => {
    const declared = restRoutes().map(restKey);
    expect(declared.length).toBeGreaterThan(70);
    expect(difference(declared, REST_CASES.map(restKeyOf))).toEqual({
      notCovered: [],
      notDeclared: [],
      listedTwice: [],
    });
  });

  it('lists each tRPC procedure of appRouter, once, and none it does not have', () => {
    const declared = trpcProcedures().map((p) => p.name);
    expect(declared.length).toBeGreaterThan(60);
    expect(
      difference(
        declared,
        PROCEDURE_CASES.map((c) => c.name),
      ),
    ).toEqual({ notCovered: [], notDeclared: [], listedTwice: [] });
  });

  it('a route missing from the list is named', () => {
    const declared = restRoutes().map(restKey);
    const listed = REST_CASES.map(restKeyOf).filter((k) => k !== 'GET /contacts/:id');
    expect(difference(declared, listed).notCovered).toEqual(['GET /contacts/:id']);
  });

  it('gives each procedure an input its own parser accepts', () => {
    // Stands in for a world: the ids' shapes are what matters to the parsers.
    const world = {
      admin: { email: 'admin@example.test' },
      refreshToken: 'refresh-token',
      tokens: { admin: 'token', supervisor: 'token', agent: 'token' },
      ids: missingIds(),
    } as unknown as World;
    for (const c of PROCEDURE_CASES) {
      const input = c.input(world, world.ids);
      for (const parser of inputParsers(c.name)) {
        expect(() => parser.parse(input), c.name).not.toThrow();
      }
    }
  });

  it('names a role for every route that needs a caller, and the ids it takes', () => {
    for (const c of REST_CASES) {
      expect(c.role === null, restKeyOf(c)).toBe(c.caller !== 'user');
      // A route with an id in its path takes a workspace-owned row.
      if (c.path.includes(':')) expect(c.owns.length, restKeyOf(c)).toBeGreaterThan(0);
    }
  });
});
