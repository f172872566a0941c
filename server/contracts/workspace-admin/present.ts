import type { Chatbot } from '../../db/schema';

/**
 * A chatbot as the workspace's admin API shows it, and the console too: known outside by its
 * uuid (`id` is the uuid, the integer stays internal).
 */
export function presentChatbot(c: Chatbot) {
  return {
    id: c.uuid,
    name: c.name,
    publicKey: c.publicKey,
    systemPrompt: c.systemPrompt,
    model: c.model,
    temperature: c.temperature,
    aiEnabled: c.aiEnabled,
    greeting: c.greeting,
    faq: c.faq,
    allowedOrigins: c.allowedOrigins,
    widgetColor: c.widgetColor,
    widgetTitle: c.widgetTitle,
    widgetPosition: c.widgetPosition,
    csatEnabled: c.csatEnabled,
    language: c.language,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
