/** Enumerations shared by the server, its schema and the console. */
export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const AVAILABILITIES = ['online', 'away', 'offline'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const CHANNELS = ['WIDGET', 'WHATSAPP_CLOUD', 'WHATSAPP_QR'] as const;
export type Channel = (typeof CHANNELS)[number];
/** The channels with WhatsApp's 24-hour window; SQL: is_whatsapp_channel (tests/access-rule.test.ts). */
export const WHATSAPP_CHANNELS: readonly Channel[] = ['WHATSAPP_CLOUD', 'WHATSAPP_QR'];

export const CONVERSATION_KINDS = ['customer', 'direct'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

export const CONVERSATION_STATUSES = ['active', 'paused', 'ended'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

export const MESSAGE_ORIGINS = ['client', 'bot', 'operator', 'system'] as const;
export type MessageOrigin = (typeof MESSAGE_ORIGINS)[number];

export const MESSAGE_TYPES = ['text', 'interactive', 'media', 'template'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Ordered: a delivery status only ever moves to the right (failed is terminal). */
export const DELIVERY_STATUSES = ['pending', 'sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const ASSIGNMENT_STRATEGIES = ['round_robin', 'least_loaded'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

/** Role rank: agent < supervisor < admin. */
export const ROLE_RANK: Record<Role, number> = { agent: 0, supervisor: 1, admin: 2 };
