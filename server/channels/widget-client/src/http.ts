import { embed } from './embed';
import { save, state } from './state';

/** A refused or failed request: its HTTP status (0 when the network failed) and body. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

export async function request<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await fetch(embed.server + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(state.token && path !== '/widget/session'
        ? { authorization: `Bearer ${state.token}` }
        : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new HttpError(`${method} ${path}: ${res.status}`, res.status, json);
  return json as T;
}

/** A request with the session's token; a 401 (an ended session) opens a new session once. */
export async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<T> {
  await session();
  try {
    return await request<T>(method, path, body, headers);
  } catch (err) {
    if (!(err instanceof HttpError) || err.status !== 401) throw err;
    await session(true);
    return request<T>(method, path, body, headers);
  }
}

/** A failure's HTTP status; 0 for the network's (offline, refused). */
export const statusOf = (err: unknown) => (err instanceof HttpError ? err.status : 0);

function forget() {
  Object.assign(state, {
    visitorSecret: null,
    externalUserId: null,
    conversationId: null,
    token: null,
  });
}

let opening: Promise<void> | null = null;
/** A session that is fresh for a minute more, for the visitor of the page. */
export function session(renew = false): Promise<void> {
  const fresh =
    state.token && state.expiresAt && new Date(state.expiresAt) > new Date(Date.now() + 60_000);
  const { identity } = embed;
  const sameUser = !identity || state.externalUserId === identity.externalUserId;
  if (fresh && sameUser && !renew) return Promise.resolve();
  opening ??= openSession().finally(() => {
    opening = null;
  });
  return opening;
}

interface Session {
  token: string;
  expiresAt: string;
  externalUserId: string;
  visitorSecret?: string;
  chatbot: { id: string };
}

/** Proves who the visitor is: the site's signature, else the secret this server issued us. */
async function openSession() {
  const post = (proof: object) =>
    request<Session>('POST', '/widget/session', { publicKey: embed.publicKey, ...proof });
  const { identity } = embed;
  let s: Session;
  if (identity) {
    if (state.externalUserId !== identity.externalUserId) {
      forget();
      state.outbox = [];
    }
    s = await post(identity);
  } else {
    const proof = state.visitorSecret
      ? { visitorSecret: state.visitorSecret }
      : state.externalUserId
        ? { externalUserId: state.externalUserId } // an id kept by an older widget: claimed once
        : {};
    s = await post(proof).catch((err) => {
      // The server knows no such visitor: begin as a new one.
      if (statusOf(err) !== 401 || !Object.keys(proof).length) throw err;
      forget();
      return post({});
    });
    if (s.visitorSecret) {
      state.visitorSecret = s.visitorSecret;
      // Using the secret at once ends claims by the bare id (nobody else can take it now).
      if ('externalUserId' in proof) s = await post({ visitorSecret: s.visitorSecret });
    }
  }
  Object.assign(state, {
    token: s.token,
    expiresAt: s.expiresAt,
    externalUserId: s.externalUserId,
    chatbotId: s.chatbot.id,
  });
  save();
}
