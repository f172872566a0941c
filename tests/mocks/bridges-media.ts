import { HttpResponse, http } from 'msw';
import { EVOLUTION_URL, WAHA_URL, wahaMessage } from './bridges';

export interface CapturedBridgeCall {
  path: string;
  body: Record<string, unknown>;
  apiKey: string | null;
}

/** WAHA: POST /api/sendImage and /api/sendFile answer the engine's message object. */
export function wahaMediaSendHandlers(captured: CapturedBridgeCall[]) {
  return ['/api/sendImage', '/api/sendFile'].map((path) =>
    http.post(`${WAHA_URL}${path}`, async ({ request }) => {
      captured.push({
        path,
        body: (await request.json()) as Record<string, unknown>,
        apiKey: request.headers.get('x-api-key'),
      });
      const id = `true_5511999990020@c.us_3EB0M${captured.length}`;
      return HttpResponse.json(
        { id: { fromMe: true, remote: '5511999990020@c.us', id: '3EB0M', _serialized: id } },
        { status: 201 },
      );
    }),
  );
}

/** Evolution API v2: POST /message/sendMedia/{instance} answers the message key. */
export function evolutionMediaSendHandler(instance: string, captured: CapturedBridgeCall[]) {
  return http.post(`${EVOLUTION_URL}/message/sendMedia/${instance}`, async ({ request }) => {
    captured.push({
      path: `/message/sendMedia/${instance}`,
      body: (await request.json()) as Record<string, unknown>,
      apiKey: request.headers.get('apikey'),
    });
    return HttpResponse.json(
      {
        key: { remoteJid: '5511999990021@s.whatsapp.net', fromMe: true, id: 'BAE5MEDIA1' },
        message: { documentMessage: { mimetype: 'application/pdf' } },
        messageType: 'documentMessage',
        status: 'PENDING',
      },
      { status: 201 },
    );
  });
}

/** WAHA's `message` event for a file: the engine put it under /api/files/ on WAHA's own host. */
export const wahaMediaMessage = (
  from: string,
  id: string,
  caption: string,
  media: { mimetype: string; filename?: string | null },
) => {
  const event = wahaMessage(from, id, caption);
  return {
    ...event,
    id: 'evt_m1',
    payload: {
      ...event.payload,
      hasMedia: true,
      media: {
        url: `http://localhost:3000/api/files/default/${id}.${media.mimetype.split('/')[1]}`,
        mimetype: media.mimetype,
        filename: media.filename ?? null,
      },
    },
  };
};

/** GET /api/files/... on the WAHA bridge (needs X-Api-Key). */
export function wahaFiles(
  files: Record<string, { bytes: Uint8Array; mimeType: string }>,
  calls: { path: string; apiKey: string | null }[] = [],
) {
  return http.get(`${WAHA_URL}/api/files/*`, ({ request }) => {
    const { pathname } = new URL(request.url);
    calls.push({ path: pathname, apiKey: request.headers.get('x-api-key') });
    const file = files[pathname];
    if (!file) return HttpResponse.json({ message: 'Not Found', statusCode: 404 }, { status: 404 });
    return new HttpResponse(new Uint8Array(file.bytes), {
      headers: { 'content-type': file.mimeType },
    });
  });
}

/** Evolution's `messages.upsert` for an image (the media itself is fetched by its key). */
export const evolutionImageUpsert = (
  instance: string,
  remoteJid: string,
  id: string,
  caption: string,
) => ({
  event: 'messages.upsert',
  instance,
  data: {
    key: { remoteJid, fromMe: false, id },
    pushName: 'Carla',
    message: {
      imageMessage: {
        url: 'https://mmg.whatsapp.net/o1/v/t62.7118-24/f1/m231/up-oil-image.enc',
        mimetype: 'image/jpeg',
        caption,
        fileSha256: '+9syKedGWLOHb+37S/cNIVxlUd9YAhPuRbJhULHMuvw=',
        fileLength: '33480',
        mediaKey: 'ykl2XhzrehvYe/YhP21qwansukZC+o3Y+07kS9JRBo4=',
      },
    },
    messageType: 'imageMessage',
    messageTimestamp: 1717171717,
  },
  date_time: new Date().toISOString(),
  sender: '15550783881@s.whatsapp.net',
});

/** POST /chat/getBase64FromMediaMessage/{instance}: the file as base64, by the message's key. */
export function evolutionBase64Handler(
  instance: string,
  files: Record<string, { bytes: Uint8Array; mimeType: string; fileName: string }>,
  captured: CapturedBridgeCall[] = [],
) {
  return http.post(
    `${EVOLUTION_URL}/chat/getBase64FromMediaMessage/${instance}`,
    async ({ request }) => {
      const body = (await request.json()) as { message?: { key?: { id?: string } } };
      captured.push({
        path: `/chat/getBase64FromMediaMessage/${instance}`,
        body,
        apiKey: request.headers.get('apikey'),
      });
      const file = files[body.message?.key?.id ?? ''];
      if (!file) {
        return HttpResponse.json(
          { status: 400, error: 'Bad Request', response: { message: ['Message not found'] } },
          { status: 400 },
        );
      }
      return HttpResponse.json(
        {
          mediaType: 'imageMessage',
          fileName: file.fileName,
          caption: '',
          size: { fileLength: String(file.bytes.byteLength), height: 1, width: 1 },
          mimetype: file.mimeType,
          base64: Buffer.from(file.bytes).toString('base64'),
        },
        { status: 201 },
      );
    },
  );
}
