import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { chatbots, csatResponses } from '../server/db/schema';
import { reopen } from '../server/services/conversations/lifecycle';
import { actorOf } from './helpers/auth';
import {
  cloudCustomer as cloudCustomerAt,
  conversationsOf,
  endAndAsk,
  inbound,
  listReply,
  outbound,
  surveyOf,
} from './helpers/csat-whatsapp';
import { serverForThisFile } from './helpers/server';
import { textMessage } from './mocks/whatsapp-cloud';

// Which WhatsApp message a survey takes, and which it leaves to be an ordinary message
// (server/services/csat/whatsapp-reply.ts).
const srv = serverForThisFile();
const cloudCustomer = () => cloudCustomerAt(srv.url, 'en');

const age = (conversationId: number, column: 'asked_at' | 'answered_at', interval: string) =>
  db
    .update(csatResponses)
    .set({
      [column === 'asked_at' ? 'askedAt' : 'answeredAt']: sql`now() - ${interval}::interval`,
    })
    .where(eq(csatResponses.conversationId, conversationId));

describe('a comment', () => {
  it('is taken once: a text equal to it later is a message, its retried delivery is dropped', async () => {
    const { admin, conversation: c, customer, deliver } = await cloudCustomer();
    await endAndAsk(admin, c.id);
    await deliver(listReply(customer, `wamid.${customer}.r1`, `csat:${c.uuid}:5`, '5'));
    await deliver(textMessage(customer, `wamid.${customer}.c1`, 'Thanks'));
    expect(await surveyOf(c.id)).toMatchObject({ rating: 5, comment: 'Thanks' });
    const written = (await outbound(c.id)).length;
    // The provider repeating the comment's delivery: taken (no conversation), thanked once.
    expect((await deliver(textMessage(customer, `wamid.${customer}.c1`, 'Thanks'))).messages).toBe(
      1,
    );
    expect(await conversationsOf(customer)).toHaveLength(1);
    expect(await outbound(c.id)).toHaveLength(written);
    // The same words sent again, a new message an hour later: a new conversation.
    await age(c.id, 'answered_at', '1 hour');
    await deliver(textMessage(customer, `wamid.${customer}.t2`, 'Thanks'));
    const all = await conversationsOf(customer);
    expect(all).toHaveLength(2);
    expect((await inbound(all[1]!.id)).map((m) => m.content)).toEqual([{ text: 'Thanks' }]);
  });
});

describe('a list reply', () => {
  it('rates the conversation its row names, even when a newer one was surveyed since', async () => {
    const { admin, conversation: first, customer, deliver } = await cloudCustomer();
    await endAndAsk(admin, first.id);
    await deliver(textMessage(customer, `wamid.${customer}.in2`, 'Another question'));
    const second = (await conversationsOf(customer))[1]!;
    await endAndAsk(admin, second.id);
    await deliver(listReply(customer, `wamid.${customer}.r1`, `csat:${first.uuid}:2`, '2'));
    expect(await surveyOf(first.id)).toMatchObject({ rating: 2 });
    expect(await surveyOf(second.id)).toMatchObject({ rating: null });
    // The old rows (`csat:N`) rate the newest surveyed conversation.
    await deliver(listReply(customer, `wamid.${customer}.r2`, 'csat:4', '4'));
    expect(await surveyOf(second.id)).toMatchObject({ rating: 4 });
    expect(await conversationsOf(customer)).toHaveLength(2);
  });

  it('is an ordinary message once the conversation was reopened', async () => {
    const { admin, conversation: c, customer, deliver } = await cloudCustomer();
    await endAndAsk(admin, c.id);
    await reopen(actorOf(admin), c.id);
    await deliver(listReply(customer, `wamid.${customer}.r1`, `csat:${c.uuid}:1`, '1'));
    await deliver(listReply(customer, `wamid.${customer}.r2`, 'csat:1', '1'));
    expect(await surveyOf(c.id)).toMatchObject({ rating: null });
    expect((await inbound(c.id)).map((m) => m.externalId).slice(-2)).toEqual([
      `wamid.${customer}.r1`,
      `wamid.${customer}.r2`,
    ]);
  });

  it('is an ordinary message more than 24 hours after the asking, in either form', async () => {
    const { admin, conversation: c, customer, deliver } = await cloudCustomer();
    await endAndAsk(admin, c.id);
    await age(c.id, 'asked_at', '25 hours');
    await deliver(listReply(customer, `wamid.${customer}.r1`, `csat:${c.uuid}:3`, '3'));
    await deliver(listReply(customer, `wamid.${customer}.r2`, 'csat:3', '3'));
    expect(await surveyOf(c.id)).toMatchObject({ rating: null });
    const all = await conversationsOf(customer);
    expect(all).toHaveLength(2);
    expect((await inbound(all[1]!.id)).map((m) => m.externalId)).toEqual([
      `wamid.${customer}.r1`,
      `wamid.${customer}.r2`,
    ]);
  });

  it('is an ordinary message, and no comment is taken, once the survey was turned off', async () => {
    const { admin, bot, conversation: c, customer, deliver } = await cloudCustomer();
    await endAndAsk(admin, c.id);
    await deliver(listReply(customer, `wamid.${customer}.r1`, `csat:${c.uuid}:5`, '5'));
    await db.update(chatbots).set({ csatEnabled: false }).where(eq(chatbots.uuid, bot.id));
    await deliver(textMessage(customer, `wamid.${customer}.c1`, 'Great help'));
    await deliver(listReply(customer, `wamid.${customer}.r2`, `csat:${c.uuid}:1`, '1'));
    expect(await surveyOf(c.id)).toMatchObject({ rating: 5, comment: null });
    const all = await conversationsOf(customer);
    expect(all).toHaveLength(2);
    expect((await inbound(all[1]!.id)).map((m) => m.externalId)).toEqual([
      `wamid.${customer}.c1`,
      `wamid.${customer}.r2`,
    ]);
  });
});
