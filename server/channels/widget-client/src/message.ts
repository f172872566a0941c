/** A message as the server sends it (REST pages, the 202 of a send, socket frames). */
export interface Message {
  id: string;
  role: string;
  content: string;
  type?: string;
  origin?: string;
  createdAt?: string;
  deliveryStatus?: string;
  metadata?: { sender?: { name?: unknown } } | null;
  payload?: Payload | null;
}

/** A bot's option in either stored shape: ours ({id, title}) or the Graph API's ({reply}). */
export interface RawOption {
  id?: string | number;
  title?: string;
  description?: string;
  reply?: { id?: string | number; title?: string };
}

/** What a message's payload may carry: a file's signed link, an interactive's options, a reply. */
export interface Payload {
  type?: string;
  url?: string;
  fileName?: string;
  contentType?: string;
  byteSize?: number;
  expiresAt?: string;
  action?: {
    button?: string;
    buttons?: RawOption[];
    sections?: { title?: string; rows?: RawOption[] }[];
  };
  button_reply?: { id?: unknown };
  list_reply?: { id?: unknown };
}
