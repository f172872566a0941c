import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversations } from '../server/db/schema';
import { fillPlaceholders } from '../server/services/canned-responses/placeholders';
import { makeContact } from './factories/contact';
import { makeConversation } from './factories/conversation';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { actorOf, callerFor } from './helpers/auth';

async function team() {
  const { workspace, admin } = await makeWorkspace();
  const [agent, colleague, supervisor] = await Promise.all([
    makeUser(workspace.id, { role: 'agent', name: 'Ana Souza' }),
    makeUser(workspace.id, { role: 'agent' }),
    makeUser(workspace.id, { role: 'supervisor' }),
  ]);
  return { workspace, admin, agent, colleague, supervisor };
}

const reply = (shortcut: string, extra: Record<string, unknown> = {}) => ({
  shortcut,
  title: `Title ${shortcut}`,
  body: `Body of ${shortcut}`,
  ...extra,
});

/** The error code a call ends with ('ok' when it succeeds), and its message. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string; message?: string }) => e.code,
  );

describe('canned responses: who writes what', () => {
  it('an agent writes their own; colleagues never see them (NOT_FOUND)', async () => {
    const { agent, colleague, supervisor } = await team();
    const mine = await callerFor(agent).cannedResponses.create(reply('thanks'));
    expect(mine).toMatchObject({ scope: 'personal', shortcut: 'thanks', editable: true });
    const edited = await callerFor(agent).cannedResponses.update({
      id: mine.uuid,
      patch: { body: 'Thank you!' },
    });
    expect(edited.body).toBe('Thank you!');
    for (const other of [colleague, supervisor]) {
      const other$ = callerFor(other).cannedResponses;
      expect(await other$.list()).toEqual([]);
      expect(await outcome(other$.get({ id: mine.id }))).toBe('NOT_FOUND');
      expect(await outcome(other$.update({ id: mine.id, patch: { title: 'x' } }))).toBe(
        'NOT_FOUND',
      );
      expect(await outcome(other$.delete({ id: mine.id }))).toBe('NOT_FOUND');
    }
    await callerFor(agent).cannedResponses.delete({ id: mine.id });
    expect(await callerFor(agent).cannedResponses.list()).toEqual([]);
  });

  it('supervisors and admins write shared ones; agents read them and may not change them', async () => {
    const { admin, agent, supervisor } = await team();
    expect(
      await outcome(callerFor(agent).cannedResponses.create(reply('hello', { scope: 'shared' }))),
    ).toBe('FORBIDDEN');
    const shared = await callerFor(supervisor).cannedResponses.create(
      reply('hello', { scope: 'shared' }),
    );
    expect(shared).toMatchObject({ scope: 'shared', editable: true });
    const agent$ = callerFor(agent).cannedResponses;
    expect(await agent$.list()).toEqual([{ ...shared, editable: false }]);
    expect(await outcome(agent$.update({ id: shared.id, patch: { title: 'Mine now' } }))).toBe(
      'FORBIDDEN',
    );
    expect(await outcome(agent$.delete({ id: shared.id }))).toBe('FORBIDDEN');
    const byAdmin = await callerFor(admin).cannedResponses.update({
      id: shared.id,
      patch: { title: 'Hello there' },
    });
    expect(byAdmin.title).toBe('Hello there');
    await callerFor(supervisor).cannedResponses.delete({ id: shared.id });
    expect(await agent$.list()).toEqual([]);
  });

  it("another workspace's responses are NOT_FOUND, as no response at all", async () => {
    const ours = await team();
    const theirs = await team();
    const shared = await callerFor(ours.admin).cannedResponses.create(
      reply('hello', { scope: 'shared' }),
    );
    const conversation = await makeConversation(
      ours.workspace.id,
      (await makeContact(actorOf(ours.admin))).id,
    );
    const their$ = callerFor(theirs.admin).cannedResponses;
    expect(await their$.list()).toEqual([]);
    for (const id of [shared.id, shared.uuid, 2_147_483_000]) {
      expect(await outcome(their$.get({ id }))).toBe('NOT_FOUND');
      expect(await outcome(their$.update({ id, patch: { title: 'x' } }))).toBe('NOT_FOUND');
      expect(await outcome(their$.delete({ id }))).toBe('NOT_FOUND');
    }
    const own = await their$.create(reply('hello', { scope: 'shared' }));
    expect(await outcome(their$.render({ id: own.id, conversationId: conversation.id }))).toBe(
      'NOT_FOUND',
    );
    expect((await callerFor(ours.agent).cannedResponses.get({ id: shared.id })).title).toBe(
      'Title hello',
    );
  });
});

describe('canned responses: shortcuts', () => {
  it('a shortcut is unique in its scope whatever its case: CONFLICT naming it', async () => {
    const { agent, colleague, supervisor } = await team();
    await callerFor(supervisor).cannedResponses.create(reply('Refund', { scope: 'shared' }));
    const again = callerFor(supervisor).cannedResponses.create(
      reply('refund', { scope: 'shared' }),
    );
    await expect(again).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Shortcut /refund is already taken',
    });
    // A personal one may share a shared one's shortcut, and two agents may share theirs.
    await callerFor(agent).cannedResponses.create(reply('refund'));
    await callerFor(colleague).cannedResponses.create(reply('REFUND'));
    expect(await outcome(callerFor(agent).cannedResponses.create(reply('reFund')))).toBe(
      'CONFLICT',
    );
    const other = await callerFor(agent).cannedResponses.create(reply('other'));
    expect(
      await outcome(
        callerFor(agent).cannedResponses.update({ id: other.id, patch: { shortcut: 'REFUND' } }),
      ),
    ).toBe('CONFLICT');
  });

  it('refuses a bad shortcut, title or body by its field', async () => {
    const { agent } = await team();
    const agent$ = callerFor(agent).cannedResponses;
    for (const bad of [
      reply('two words'),
      reply('a/b'),
      reply(''),
      reply('x'.repeat(51)),
      reply('ok', { title: '  ' }),
      reply('ok', { title: 't'.repeat(201) }),
      reply('ok', { body: '' }),
      reply('ok', { body: 'b'.repeat(5001) }),
    ]) {
      expect(await outcome(agent$.create(bad)), JSON.stringify(bad).slice(0, 80)).toBe(
        'BAD_REQUEST',
      );
    }
    expect((await agent$.create(reply('x'.repeat(50)))).shortcut).toHaveLength(50);
    expect((await agent$.create(reply('Re_fund-2'))).shortcut).toBe('Re_fund-2');
  });
});

describe('canned responses: search', () => {
  it('matches a shortcut by its start and a title or body anywhere, ignoring case and accents', async () => {
    const { agent, supervisor } = await team();
    await callerFor(supervisor).cannedResponses.create(
      reply('refund', { scope: 'shared', title: 'Política de reembolso' }),
    );
    await callerFor(supervisor).cannedResponses.create(
      reply('hours', {
        scope: 'shared',
        body: 'We open at 9 (or see /refund). Não abrimos aos domingos.',
      }),
    );
    await callerFor(agent).cannedResponses.create(reply('refund', { title: 'My refund words' }));
    await callerFor(agent).cannedResponses.create(reply('50-off', { title: 'A 50% discount' }));
    const search = async (term: string) =>
      (await callerFor(agent).cannedResponses.list({ search: term })).map(
        (c) => `${c.scope}:${c.shortcut}`,
      );
    // Shortcut matches first (personal before shared on one shortcut), then the others.
    expect(await search('/REF')).toEqual(['personal:refund', 'shared:refund', 'shared:hours']);
    expect(await search('REEMBOLSO')).toEqual(['shared:refund']);
    expect(await search('nao abrimos')).toEqual(['shared:hours']);
    expect(await search('words')).toEqual(['personal:refund']);
    expect(await search('%')).toEqual(['personal:50-off']);
    expect(await search('_')).toEqual([]);
    expect(await search('')).toHaveLength(4);
  });
});

describe('canned responses: placeholders', () => {
  const values = {
    contact: { name: 'Maria', phoneNumber: '+5511999990000' },
    agent: { name: 'Ana', email: 'ana@example.test' },
    conversation: { id: 42 },
  };

  it('fills the known ones, keeps unknown ones, empties missing values', () => {
    expect(
      fillPlaceholders(
        'Hi {{contact.name}} ({{ contact.phone }}), {{agent.name}} <{{agent.email}}> #{{conversation.id}}',
        values,
      ),
    ).toBe('Hi Maria (+5511999990000), Ana <ana@example.test> #42');
    expect(fillPlaceholders('{{contact.nickname}} {{order.id}} {contact.name}', values)).toBe(
      '{{contact.nickname}} {{order.id}} {contact.name}',
    );
    expect(
      fillPlaceholders('Hi {{contact.name}}!', {
        ...values,
        contact: { name: null, phoneNumber: null },
      }),
    ).toBe('Hi !');
    expect(fillPlaceholders('Hi {{contact.name}}!', { ...values, contact: null })).toBe('Hi !');
  });

  it("renders a response for a conversation's contact and the calling agent", async () => {
    const { admin, agent, colleague } = await team();
    const contact = await makeContact(actorOf(admin), {
      name: 'Maria Lima',
      phone_number: '+5511988887777',
    });
    const conversation = await makeConversation(admin.workspaceId, contact.id);
    const shared = await callerFor(admin).cannedResponses.create(
      reply('hello', {
        scope: 'shared',
        body: 'Olá {{contact.name}} ({{contact.phone}}), aqui é {{agent.name}}. {{unknown.thing}}',
      }),
    );
    const rendered = await callerFor(agent).cannedResponses.render({
      id: shared.id,
      conversationId: conversation.uuid,
    });
    expect(rendered.text).toBe(
      'Olá Maria Lima (+5511988887777), aqui é Ana Souza. {{unknown.thing}}',
    );
    // A conversation assigned to a colleague is theirs to answer.
    await db
      .update(conversations)
      .set({ assignedUserId: colleague.id })
      .where(eq(conversations.id, conversation.id));
    expect(
      await outcome(
        callerFor(agent).cannedResponses.render({ id: shared.id, conversationId: conversation.id }),
      ),
    ).toBe('FORBIDDEN');
  });
});
