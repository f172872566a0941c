import { embed } from './embed';

/** A message written but not yet accepted by the server. */
export interface Pending {
  key: string;
  text: string;
  metadata: Record<string, unknown>;
  /** The option pressed, when the text is its title. */
  choiceId?: string;
  /** A refusal (4xx) holds it until the visitor retries. */
  held?: boolean;
  failed?: boolean;
}

/** What survives a reload, in localStorage under the chatbot's public key. */
interface Kept {
  visitorSecret: string | null;
  externalUserId: string | null;
  token: string | null;
  expiresAt: string | null;
  conversationId: string | null;
  chatbotId: string | null;
  outbox: Pending[];
}
const KEPT = [
  'visitorSecret',
  'externalUserId',
  'token',
  'expiresAt',
  'conversationId',
  'chatbotId',
  'outbox',
] as const satisfies readonly (keyof Kept)[];

const storeKey = `support-inbox:${embed.publicKey}`;
const stored = JSON.parse(localStorage.getItem(storeKey) || '{}') as Partial<Kept>;

/** What the widget holds while the page lives. */
interface Live {
  /** Message ids the log shows. */
  seen: Set<string>;
  /** conversation id → how many of its messages, oldest first, the log holds without a gap. */
  synced: Record<string, number>;
  ws: WebSocket | null;
  retry: number;
  sendRetry: number;
  sendTimer?: ReturnType<typeof setTimeout>;
  sending: boolean;
  open: boolean;
  started: boolean;
  /** The conversation the visitor was told has ended (its notice is in the log). */
  ended: string | null;
  typingTimer?: ReturnType<typeof setTimeout>;
}

export const state: Kept & Live = {
  visitorSecret: null,
  externalUserId: null,
  token: null,
  expiresAt: null,
  conversationId: null,
  chatbotId: null,
  ...stored,
  outbox: stored.outbox || [],
  seen: new Set(),
  synced: {},
  ws: null,
  retry: 0,
  sendRetry: 0,
  sending: false,
  open: false,
  started: false,
  ended: null,
};

export const save = () =>
  localStorage.setItem(
    storeKey,
    JSON.stringify(Object.fromEntries(KEPT.map((k) => [k, state[k]]))),
  );

export const newKey = () =>
  crypto.randomUUID?.() ??
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

export const backoff = (n: number) => Math.min(30_000, 1000 * 2 ** n);
