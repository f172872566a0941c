import * as contacts from '../../services/contacts';
import { actorOf, intParam, json, param, requireAuth } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';
import { presentContact, presentContactPage, presentContactWithTags, presentTag } from './present';

/** Seed 003: /contacts and contact tags, plus POST /contacts (docs/api.md). */
export const contactsRest = scopedRouter('/contacts');
contactsRest.use(requireAuth);

const contactId = (req: Parameters<typeof intParam>[0]) => intParam(req, 'id', 'Contact');

contactsRest.get(
  '/contacts',
  json(async (req, res) => {
    // `tag_ids[]=1&tag_ids[]=2` arrives under its bracketed name.
    const query = { ...req.query, tag_ids: req.query.tag_ids ?? req.query['tag_ids[]'] };
    return presentContactPage(await contacts.listContacts(actorOf(res), query as never));
  }),
);
contactsRest.post(
  '/contacts',
  json(
    async (req, res) =>
      presentContactWithTags(await contacts.createContact(actorOf(res), req.body ?? {})),
    201,
  ),
);
contactsRest.get(
  '/contacts/external-id/:external_id',
  json(async (req, res) =>
    presentContact(await contacts.getContactByExternalId(actorOf(res), param(req, 'external_id'))),
  ),
);
contactsRest.get(
  '/contacts/by-tag/:tagId',
  json(async (req, res) =>
    (await contacts.contactsByTag(actorOf(res), intParam(req, 'tagId', 'Tag'))).map(presentContact),
  ),
);
contactsRest.get(
  '/contacts/:id',
  json(async (req, res) =>
    presentContactWithTags(await contacts.getContact(actorOf(res), contactId(req))),
  ),
);
contactsRest.patch(
  '/contacts/:id',
  json(async (req, res) =>
    presentContact(await contacts.updateContact(actorOf(res), contactId(req), req.body ?? {})),
  ),
);
contactsRest.delete(
  '/contacts/:id',
  json(async (req, res) => {
    await contacts.deleteContact(actorOf(res), contactId(req));
  }, 204),
);
contactsRest.get(
  '/contacts/:id/tags',
  json(async (req, res) =>
    (await contacts.listContactTags(actorOf(res), contactId(req))).map(presentTag),
  ),
);
// 201, as every POST of the seed's NestJS origin (the seed leaves this one's status unsaid).
contactsRest.post(
  '/contacts/:id/tags',
  json(
    async (req, res) =>
      presentContactWithTags(
        await contacts.addContactTags(actorOf(res), contactId(req), req.body ?? {}),
      ),
    201,
  ),
);
contactsRest.delete(
  '/contacts/:id/tags',
  json(async (req, res) =>
    presentContactWithTags(
      await contacts.removeContactTags(actorOf(res), contactId(req), req.body ?? {}),
    ),
  ),
);
