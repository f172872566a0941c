import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversationNotes, conversations, events } from '../server/db/schema';
import { makeWaiting } from './factories/conversation';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';

// Private notes and their mentions (issue 22), through the console's procedures.

async function team() {
  const { workspace, admin } = await makeWorkspace();
  const ana = await makeUser(workspace.id, { role: 'agent', name: 'Ana Souza' });
  const bruno = await makeUser(workspace.id, { role: 'agent', name: 'Bruno Lima' });
  const sara = await makeUser(workspace.id, { role: 'supervisor', name: 'Sara Reis' });
  const [conversationId] = await makeWaiting(admin, 1);
  return { admin, ana, bruno, sara, conversationId: conversationId! };
}

const assignTo = (id: number, userId: number | null) =>
  db.update(conversations).set({ assignedUserId: userId }).where(eq(conversations.id, id));

describe('notes', () => {
  it('are written with their author and read in order by whoever may act on the conversation', async () => {
    const { admin, ana, sara, conversationId } = await team();
    await callerFor(ana).notes.add({ conversationId, body: '  First look: an old order  ' });
    await callerFor(sara).notes.add({ conversationId, body: 'Refund approved' });
    const notes = await callerFor(admin).notes.list({ conversationId });
    expect(notes.map((n) => [n.author?.name, n.body])).toEqual([
      ['Ana Souza', 'First look: an old order'],
      ['Sara Reis', 'Refund approved'],
    ]);
    const [event] = await db.select().from(events).where(eq(events.type, 'note:created'));
    expect(event?.conversationId).toBe(conversationId);
  });

  it('refuse an empty note, and a note on a colleague’s or another workspace’s conversation', async () => {
    const { ana, bruno, conversationId } = await team();
    await expect(callerFor(ana).notes.add({ conversationId, body: '   ' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await assignTo(conversationId, bruno.id);
    await expect(
      callerFor(ana).notes.add({ conversationId, body: 'peeking' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(ana).notes.list({ conversationId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const other = await makeWorkspace();
    await expect(
      callerFor(other.admin).notes.add({ conversationId, body: 'hello' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await db
        .select()
        .from(conversationNotes)
        .where(eq(conversationNotes.conversationId, conversationId)),
    ).toEqual([]);
  });

  it('notify the colleagues mentioned until they open the conversation', async () => {
    const { admin, ana, sara, conversationId } = await team();
    const note = await callerFor(admin).notes.add({
      conversationId,
      body: '@Ana Souza @Sara Reis can you check the invoice?',
      mentionUserIds: [ana.id, sara.id, ana.id, admin.id],
    });
    expect(note.mentions.map((m) => m.name).sort()).toEqual(['Ana Souza', 'Sara Reis']);
    const anas = await callerFor(ana).notes.mentions();
    expect(anas.total).toBe(1);
    expect(anas.mentions[0]).toMatchObject({
      conversationId,
      authorName: admin.name,
      excerpt: '@Ana Souza @Sara Reis can you check the invoice?',
    });
    // The author's own mention of themselves is no notification.
    expect((await callerFor(admin).notes.mentions()).total).toBe(0);
    expect(await callerFor(ana).notes.readMentions({ conversationId })).toEqual({ read: 1 });
    expect((await callerFor(ana).notes.mentions()).total).toBe(0);
    expect((await callerFor(sara).notes.mentions()).total).toBe(1);
  });

  it('refuse a mention of someone outside the workspace or who cannot open the conversation, writing nothing', async () => {
    const { admin, ana, bruno, conversationId } = await team();
    const stranger = await makeWorkspace();
    await expect(
      callerFor(admin).notes.add({
        conversationId,
        body: 'psst',
        mentionUserIds: [stranger.admin.id],
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await assignTo(conversationId, bruno.id);
    await expect(
      callerFor(admin).notes.add({ conversationId, body: 'Ana, look', mentionUserIds: [ana.id] }),
    ).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
      message: 'Ana Souza cannot open this conversation (it is assigned to another agent)',
    });
    expect(
      await db
        .select()
        .from(conversationNotes)
        .where(eq(conversationNotes.conversationId, conversationId)),
    ).toEqual([]);
  });
});
