import * as catalog from '../../services/catalog';
import * as tags from '../../services/tags';
import { actorOf, intParam, json, requireAuth } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';
import { presentEntry, presentEntryPage, presentTag, presentTagPage } from './present';

/** Seed 003: /servers, /devices, /applications (one shape) and /tags. */
const PATHS: Record<catalog.CatalogKind, string> = {
  server: '/servers',
  device: '/devices',
  application: '/applications',
};
export const catalogRest = scopedRouter(...Object.values(PATHS), '/tags');
catalogRest.use(requireAuth);

for (const kind of catalog.CATALOG_KINDS) {
  const base = PATHS[kind];
  const label = kind.charAt(0).toUpperCase() + kind.slice(1);
  catalogRest.get(
    base,
    json(async (req, res) =>
      presentEntryPage(await catalog.listEntries(kind, actorOf(res), req.query)),
    ),
  );
  catalogRest.get(
    `${base}/:id`,
    json(async (req, res) =>
      presentEntry(await catalog.findEntry(kind, actorOf(res), intParam(req, 'id', label))),
    ),
  );
  catalogRest.post(
    base,
    json(
      async (req, res) =>
        presentEntry(await catalog.createEntry(kind, actorOf(res), req.body ?? {})),
      201,
    ),
  );
  catalogRest.patch(
    `${base}/:id`,
    json(async (req, res) =>
      presentEntry(
        await catalog.updateEntry(kind, actorOf(res), intParam(req, 'id', label), req.body ?? {}),
      ),
    ),
  );
  catalogRest.delete(
    `${base}/:id`,
    json(async (req, res) => {
      await catalog.deleteEntry(kind, actorOf(res), intParam(req, 'id', label));
    }),
  );
}

catalogRest.get(
  '/tags',
  json(async (req, res) => presentTagPage(await tags.listTags(actorOf(res), req.query))),
);
catalogRest.get(
  '/tags/:id',
  json(async (req, res) => presentTag(await tags.getTag(actorOf(res), intParam(req, 'id', 'Tag')))),
);
catalogRest.post(
  '/tags',
  json(async (req, res) => presentTag(await tags.createTag(actorOf(res), req.body ?? {})), 201),
);
catalogRest.patch(
  '/tags/:id',
  json(async (req, res) =>
    presentTag(await tags.updateTag(actorOf(res), intParam(req, 'id', 'Tag'), req.body ?? {})),
  ),
);
catalogRest.delete(
  '/tags/:id',
  json(async (req, res) => {
    await tags.deleteTag(actorOf(res), intParam(req, 'id', 'Tag'));
  }),
);
