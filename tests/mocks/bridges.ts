import { HttpResponse, http } from 'msw';

export const WAHA_URL = 'http://waha.bridge.test';
export const EVOLUTION_URL = 'http://evolution.bridge.test';

/** WAHA: POST /api/sendText answers the engine's message object (WEBJS shape). */
export function wahaSendHandler(
  captured: { body: Record<string, unknown>; apiKey: string | null }[],
  id = 'true_5511999990010@c.us_3EB0ABC',
) {
  return http.post(`${WAHA_URL}/api/sendText`, async ({ request }) => {
    captured.push({
      body: (await request.json()) as Record<string, unknown>,
      apiKey: request.headers.get('x-api-key'),
    });
    return HttpResponse.json(
      {
        id: { fromMe: true, remote: '5511999990010@c.us', id: '3EB0ABC', _serialized: id },
        body: 'x',
        ack: 0,
      },
      { status: 201 },
    );
  });
}

/** Evolution API v2: POST /message/sendText/{instance} answers the message key. */
export function evolutionSendHandler(
  instance: string,
  captured: { body: Record<string, unknown>; apiKey: string | null }[],
  id = 'BAE5F2C1D2A3',
) {
  return http.post(`${EVOLUTION_URL}/message/sendText/${instance}`, async ({ request }) => {
    captured.push({
      body: (await request.json()) as Record<string, unknown>,
      apiKey: request.headers.get('apikey'),
    });
    return HttpResponse.json(
      {
        key: { remoteJid: '5511999990011@s.whatsapp.net', fromMe: true, id },
        pushName: '',
        status: 'PENDING',
        message: { conversation: 'x' },
        messageType: 'conversation',
        messageTimestamp: 1717171717,
      },
      { status: 201 },
    );
  });
}

export const wahaMessage = (from: string, id: string, body: string) => ({
  id: 'evt_01',
  timestamp: Date.now(),
  event: 'message',
  session: 'default',
  engine: 'WEBJS',
  payload: {
    id,
    timestamp: 1717171717,
    from,
    fromMe: false,
    to: '15550783881@c.us',
    body,
    hasMedia: false,
    ack: 1,
    ackName: 'SERVER',
    _data: { notifyName: 'João' },
  },
});

export const wahaAck = (id: string, ack: number) => ({
  id: 'evt_02',
  timestamp: Date.now(),
  event: 'message.ack',
  session: 'default',
  payload: {
    id,
    from: '5511999990010@c.us',
    fromMe: true,
    ack,
    ackName: ['ERROR', 'PENDING', 'SERVER', 'DEVICE', 'READ', 'PLAYED'][ack + 1],
  },
});

export const evolutionUpsert = (instance: string, remoteJid: string, id: string, text: string) => ({
  event: 'messages.upsert',
  instance,
  data: {
    key: { remoteJid, fromMe: false, id },
    pushName: 'Carla',
    message: { conversation: text },
    messageType: 'conversation',
    messageTimestamp: 1717171717,
  },
  date_time: new Date().toISOString(),
  sender: '15550783881@s.whatsapp.net',
});

export const evolutionUpdate = (instance: string, keyId: string, status: string) => ({
  event: 'messages.update',
  instance,
  data: {
    keyId,
    remoteJid: '5511999990011@s.whatsapp.net',
    fromMe: true,
    status,
    instanceId: 'abc',
  },
});
