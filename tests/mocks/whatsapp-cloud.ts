import { createHmac } from 'node:crypto';
import { HttpResponse, http } from 'msw';

export const GRAPH = 'https://graph.facebook.com/v21.0';

/** The Graph API's answer to a sent message. */
export const sentReply = (to: string, wamid: string) =>
  HttpResponse.json({
    messaging_product: 'whatsapp',
    contacts: [{ input: to, wa_id: to }],
    messages: [{ id: wamid }],
  });

/** The Graph API's error body. */
export const graphError = (status: number, code: number, message: string) =>
  HttpResponse.json(
    {
      error: {
        message,
        type: 'OAuthException',
        code,
        error_data: { messaging_product: 'whatsapp', details: message },
        fbtrace_id: 'AbC123',
      },
    },
    { status },
  );

/** Records every POST /{phone-number-id}/messages and answers with `respond`. */
export function graphHandler(
  phoneNumberId: string,
  respond: (body: Record<string, unknown>, call: number) => Response,
  captured: Record<string, unknown>[] = [],
) {
  return http.post(`${GRAPH}/${phoneNumberId}/messages`, async ({ request }) => {
    const body = (await request.json()) as Record<string, unknown>;
    captured.push({ ...body, authorization: request.headers.get('authorization') });
    return respond(body, captured.length);
  });
}

export const sign = (raw: string, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

/** A webhook delivery in Meta's shape. */
export function cloudWebhook(phoneNumberId: string, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

export const textMessage = (from: string, wamid: string, body: string, name = 'Maria Santos') => ({
  contacts: [{ profile: { name }, wa_id: from }],
  messages: [
    {
      from,
      id: wamid,
      timestamp: String(Math.floor(Date.now() / 1000)),
      type: 'text',
      text: { body },
    },
  ],
});

export const statusUpdate = (
  wamid: string,
  status: string,
  errors?: { code: number; title: string }[],
) => ({
  statuses: [
    {
      id: wamid,
      status,
      timestamp: String(Math.floor(Date.now() / 1000)),
      recipient_id: '5511999990000',
      ...(errors ? { errors } : {}),
    },
  ],
});
