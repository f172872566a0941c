import { Router } from 'express';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A Router that serves only the paths under `prefixes`: a request for any other path leaves it
 * after one check (`next('router')`) instead of being matched against each of its routes. The
 * app runs fifteen routers in a row, and a request to one of the last was matched against 68
 * to 123 routes before (docs/performance.md, inbox lists). Case-insensitive, as express's own
 * route matching is; every route of the router must lie under one of the prefixes.
 */
export function scopedRouter(...prefixes: string[]): Router {
  const scope = new RegExp(`^(?:${prefixes.map(escapeRegExp).join('|')})(?:/|$)`, 'i');
  const router = Router();
  router.use((req, _res, next) => next(scope.test(req.path) ? undefined : 'router'));
  return router;
}
