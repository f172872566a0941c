import type { Express } from 'express';
import { createApp } from '../../server/http/app';
import { appRouter } from '../../server/trpc/root';

/** One REST route as express will match it: `GET /contacts/:id`. */
export interface RestRoute {
  method: string;
  path: string;
}

export type ProcedureType = 'query' | 'mutation' | 'subscription';

export interface TrpcProcedure {
  name: string;
  type: ProcedureType;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route layer under `stack`, through nested routers (the scoped routers, seed 003's). */
function routesOf(stack: Layer[]): RestRoute[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const paths = ([] as string[]).concat(layer.route.path);
      return Object.keys(layer.route.methods)
        .filter((m) => m !== '_all')
        .flatMap((m) => paths.map((path) => ({ method: m.toUpperCase(), path })));
    }
    return layer.handle?.stack ? routesOf(layer.handle.stack) : [];
  });
}

/**
 * The REST routes of the app `createApp` builds, read from express's router stacks at test
 * time, so a route added to any router shows up here without anyone listing it. Every router is
 * mounted at the root (`app.use(router)`), so a route's path is the one it was declared with.
 */
export function restRoutes(
  app: Express = createApp({ ready: true, database: 'up', worker: 'disabled' }),
) {
  const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  return routesOf(stack);
}

/** Every tRPC procedure of `appRouter` with its kind, from tRPC's own record of them. */
export function trpcProcedures(): TrpcProcedure[] {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: ProcedureType } }
  >;
  return Object.entries(procedures).map(([name, p]) => ({ name, type: p._def.type }));
}

/** The input parsers of one procedure (tRPC keeps each `.input()` it was given). */
export function inputParsers(name: string): { parse(input: unknown): unknown }[] {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { inputs: { parse(input: unknown): unknown }[] } }
  >;
  return procedures[name]?._def.inputs ?? [];
}

export const restKey = (r: RestRoute) => `${r.method} ${r.path}`;
