import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { listConversations } from '../server/services/conversations/list';
import { contactLabel, parseVisitorSearch } from '../shared/contact-label';
import { makeContact } from './factories/contact';
import { makeConversation } from './factories/conversation';
import { makeWorkspace } from './factories/workspace';
import { actorOf, callerFor } from './helpers/auth';

describe('visitor names', () => {
  it('labels an unnamed web visitor "Visitor <contact id>"; a name, a phone or another id wins', () => {
    const visitor = {
      id: 4821,
      name: null,
      phone_number: null,
      external_id: `web-${randomUUID()}`,
    };
    expect(contactLabel(visitor)).toBe('Visitor 4821');
    expect(contactLabel({ ...visitor, name: '' })).toBe('Visitor 4821');
    expect(contactLabel({ ...visitor, name: 'Ana' })).toBe('Ana');
    expect(contactLabel({ ...visitor, phone_number: '+5511999990000' })).toBe('+5511999990000');
    expect(contactLabel({ ...visitor, external_id: 'crm-77' })).toBe('crm-77');
    expect(contactLabel(null)).toBe('Unknown contact');
  });

  it('reads a search term as a visitor label', () => {
    expect(parseVisitorSearch('Visitor 4821')).toBe(4821);
    expect(parseVisitorSearch('visitor4821')).toBe(4821);
    expect(parseVisitorSearch(' 4821 ')).toBe(4821);
    expect(parseVisitorSearch('#4821')).toBe(4821);
    expect(parseVisitorSearch('Visitor')).toBeNull();
    expect(parseVisitorSearch('48a21')).toBeNull();
    expect(parseVisitorSearch('99999999999')).toBeNull();
  });

  it('the inbox search finds an unnamed visitor by its label or its number, not a named one', async () => {
    const { workspace, admin } = await makeWorkspace();
    const actor = actorOf(admin);
    const unnamed = await makeContact(actor, { external_id: `web-${randomUUID()}`, name: null });
    const named = await makeContact(actor, { external_id: `web-${randomUUID()}`, name: 'Ana' });
    const other = await makeContact(actor, { external_id: `crm-${randomUUID()}`, name: null });
    const [a, b, c] = [
      await makeConversation(workspace.id, unnamed.id),
      await makeConversation(workspace.id, named.id),
      await makeConversation(workspace.id, other.id),
    ];
    const search = async (term: string) =>
      (await callerFor(admin).conversations.list({ all: 'true', search: term })).data.map(
        (r) => r.id,
      );
    expect(await search(`Visitor ${unnamed.id}`)).toEqual([a.id]);
    expect(await search(String(unnamed.id))).toEqual([a.id]);
    // A visitor who gave a name is found by that name, not by a label it no longer shows.
    expect(await search(`Visitor ${named.id}`)).toEqual([]);
    expect(await search('Ana')).toEqual([b.id]);
    expect(await search(`Visitor ${other.id}`)).toEqual([]);
    expect(c.id).toBeGreaterThan(0);
    // Seed 003's REST search stays as documented: names, phones, account usernames.
    const rest = await listConversations(actor, { all: 'true', search: `Visitor ${unnamed.id}` });
    expect(rest.parse<{ data: unknown[] }>().data).toEqual([]);
    // Another workspace's visitor is never found.
    const stranger = await makeWorkspace();
    expect(
      (
        await callerFor(stranger.admin).conversations.list({
          all: 'true',
          search: `Visitor ${unnamed.id}`,
        })
      ).data,
    ).toEqual([]);
  });
});
