import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { plainText } from '../server/channels/plain-text';
import { db } from '../server/db/client';
import { conversations, type Message } from '../server/db/schema';
import { insertMessage } from '../server/services/messages/create';
import { interactiveContent } from '../shared/flow';
import { makeWhatsappIntegration } from './factories/integration';
import { makeWorkspace } from './factories/workspace';
import { postWebhook, sendNow } from './helpers/channels';
import { serverForThisFile } from './helpers/server';
import { mockServer } from './mocks/server';
import { cloudWebhook, graphHandler, sentReply, sign, textMessage } from './mocks/whatsapp-cloud';

const srv = serverForThisFile();

const SECRET = 'app-secret-interactive';
const PHONE_ID = '106540352242923';
let customers = 0;

/**
 * A customer who wrote in (so the 24-hour window is open), and a way to send the bot's
 * interactive messages to them as the worker does, capturing what reaches the Graph API.
 */
async function setup() {
  const CUSTOMER = `55119888877${String(++customers).padStart(2, '0')}`;
  const { admin } = await makeWorkspace();
  const { integration } = await makeWhatsappIntegration(
    admin,
    'WHATSAPP_CLOUD',
    { phoneNumberId: PHONE_ID },
    { accessToken: 'EAAG-token', appSecret: SECRET, verifyToken: 'verify' },
  );
  const raw = JSON.stringify(cloudWebhook(PHONE_ID, textMessage(CUSTOMER, 'wamid.IN1', 'Oi')));
  const hook = await postWebhook(srv.url, `/webhooks/whatsapp-cloud/${integration.uuid}`, raw, {
    'X-Hub-Signature-256': sign(raw, SECRET),
  });
  expect(hook.status).toBe(200);
  const [conversation] = await db
    .select()
    .from(conversations)
    .where(eq(conversations.externalUserId, CUSTOMER));
  const captured: Record<string, unknown>[] = [];
  mockServer.use(
    graphHandler(PHONE_ID, (_b, n) => sentReply(CUSTOMER, `wamid.${CUSTOMER}.${n}`), captured),
  );
  const send = async (content: Record<string, unknown>): Promise<Message> => {
    const m = await insertMessage(db, conversation!, {
      direction: 'outbound',
      origin: 'bot',
      type: 'interactive',
      content,
    });
    return sendNow(m.uuid);
  };
  /** The `interactive` object of the n-th request (from 0), the rest of it checked too. */
  const sentInteractive = (n: number) => {
    const { authorization, interactive, ...rest } = captured[n]!;
    expect(authorization).toBe('Bearer EAAG-token');
    expect(rest).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: CUSTOMER,
      type: 'interactive',
    });
    return interactive;
  };
  return { send, captured, sentInteractive };
}

describe('WhatsApp Cloud: interactive messages as the Graph API takes them', () => {
  it('sends up to three reply buttons, titles cut to 20 characters and the body to 1024', async () => {
    const { send, sentInteractive } = await setup();
    const long = 'Bem-vindo à Pizzaria! '.repeat(60);
    const sent = await send(
      interactiveContent(long, [
        { id: 'menu', title: 'Cardápio' },
        { id: 'hours', title: 'Horários de funcionamento' },
        { id: 'human', title: 'Atendente 👩‍🍳' },
      ]),
    );
    expect(sent).toMatchObject({ status: 'sent', externalId: expect.stringMatching(/\.1$/) });
    expect(sentInteractive(0)).toEqual({
      type: 'button',
      body: { text: `${Array.from(long).slice(0, 1023).join('')}…` },
      action: {
        buttons: [
          { type: 'reply', reply: { id: 'menu', title: 'Cardápio' } },
          { type: 'reply', reply: { id: 'hours', title: 'Horários de funcion…' } },
          { type: 'reply', reply: { id: 'human', title: 'Atendente 👩‍🍳' } },
        ],
      },
    });
    const body = (sentInteractive(0) as { body: { text: string } }).body.text;
    expect(Array.from(body)).toHaveLength(1024);
  });

  it('sends a list with its button label, rows (titles ≤ 24, descriptions ≤ 72) and sections', async () => {
    const { send, sentInteractive } = await setup();
    await send(
      interactiveContent(
        'Qual pizza?',
        [
          { id: 'pz-1', title: 'Margherita' },
          { id: 'pz-2', title: 'Pepperoni' },
          { id: 'pz-3', title: 'Calabresa com cebola roxa', description: 'x'.repeat(80) },
          { id: 'pz-4', title: 'Quatro queijos', description: 'Mussarela, gorgonzola…' },
        ],
        'Ver o cardápio completo',
      ),
    );
    expect(sentInteractive(0)).toEqual({
      type: 'list',
      body: { text: 'Qual pizza?' },
      action: {
        button: 'Ver o cardápio comp…',
        sections: [
          {
            rows: [
              { id: 'pz-1', title: 'Margherita' },
              { id: 'pz-2', title: 'Pepperoni' },
              {
                id: 'pz-3',
                title: 'Calabresa com cebola ro…',
                description: `${'x'.repeat(71)}…`,
              },
              { id: 'pz-4', title: 'Quatro queijos', description: 'Mussarela, gorgonzola…' },
            ],
          },
        ],
      },
    });

    // A list of two rows stays a list; titled sections keep their titles.
    await send({
      type: 'list',
      body: { text: 'Bebidas ou sobremesas?' },
      footer: { text: 'Pizzaria do Zé' },
      action: {
        button: 'Escolher',
        sections: [
          { title: 'Bebidas', rows: [{ id: 'd-1', title: 'Guaraná' }] },
          { title: 'Sobremesas e doces da casa', rows: [{ id: 's-1', title: 'Pudim' }] },
        ],
      },
    });
    expect(sentInteractive(1)).toEqual({
      type: 'list',
      body: { text: 'Bebidas ou sobremesas?' },
      footer: { text: 'Pizzaria do Zé' },
      action: {
        button: 'Escolher',
        sections: [
          { title: 'Bebidas', rows: [{ id: 'd-1', title: 'Guaraná' }] },
          { title: 'Sobremesas e doces da c…', rows: [{ id: 's-1', title: 'Pudim' }] },
        ],
      },
    });
  });

  it('takes buttons in the Graph shape, and more than three buttons as a list', async () => {
    const { send, sentInteractive } = await setup();
    await send({
      type: 'button',
      body: { text: 'Sim ou não?' },
      action: {
        buttons: [
          { type: 'reply', reply: { id: 'yes', title: 'Sim' } },
          { type: 'reply', reply: { id: 'no', title: 'Não' } },
        ],
      },
    });
    expect(sentInteractive(0)).toMatchObject({
      type: 'button',
      action: {
        buttons: [
          { type: 'reply', reply: { id: 'yes', title: 'Sim' } },
          { type: 'reply', reply: { id: 'no', title: 'Não' } },
        ],
      },
    });
    const four = ['P', 'M', 'G', 'GG'].map((title) => ({ id: title.toLowerCase(), title }));
    await send({ type: 'button', body: { text: 'Tamanho?' }, action: { buttons: four } });
    expect(sentInteractive(1)).toEqual({
      type: 'list',
      body: { text: 'Tamanho?' },
      action: { button: 'Options', sections: [{ rows: four }] },
    });
  });

  it('fails what the API would refuse before calling it: 11 rows, a repeated id, an id too long', async () => {
    const { send, captured } = await setup();
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `r${i}`, title: `R${i}` }));
    const refused = [
      interactiveContent('Too many', rows(11)),
      interactiveContent('Twice', [
        { id: 'a', title: 'One' },
        { id: 'a', title: 'Two' },
      ]),
      {
        type: 'list',
        body: { text: 'Long id' },
        action: { button: 'Open', sections: [{ rows: [{ id: 'x'.repeat(201), title: 'X' }] }] },
      },
      { type: 'button', body: { text: 'Nothing' }, action: { buttons: [] } },
    ];
    for (const content of refused) {
      const m = await send(content as Record<string, unknown>);
      expect(m).toMatchObject({ status: 'failed', errorCode: 'invalid_message' });
    }
    expect(captured).toHaveLength(0);
  });
});

describe('QR bridges: interactive messages as numbered text', () => {
  it('numbers the options 1..n in their order, across a list’s sections', () => {
    const message = {
      type: 'interactive',
      content: {
        type: 'list',
        body: { text: 'Qual pizza?' },
        action: {
          button: 'Ver',
          sections: [
            {
              title: 'Salgadas',
              rows: [
                { id: 'pz-1', title: 'Margherita' },
                { id: 'pz-2', title: 'Calabresa' },
              ],
            },
            { title: 'Doces', rows: [{ id: 'pz-3', title: 'Chocolate' }] },
          ],
        },
      },
    } as unknown as Message;
    expect(plainText(message)).toBe('Qual pizza?\n1. Margherita\n2. Calabresa\n3. Chocolate');
    const buttons = {
      type: 'interactive',
      content: interactiveContent('Olá!', [
        { id: 'menu', title: 'Cardápio' },
        { id: 'hours', title: 'Horários' },
      ]),
    } as unknown as Message;
    expect(plainText(buttons)).toBe('Olá!\n1. Cardápio\n2. Horários');
  });
});
