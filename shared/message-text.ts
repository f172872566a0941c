/**
 * The readable text of a message's content, whatever its kind: text, an interactive message's
 * body, a media caption, a document's name. Server (previews, the model's history, the seeds'
 * `message_text`) and console (bubbles, the list's last message) read it alike.
 */
export function messageText(content: Record<string, unknown>): string {
  if (typeof content.text === 'string') return content.text;
  const body = content.body as { text?: unknown } | undefined;
  if (body && typeof body.text === 'string') return body.text;
  if (typeof content.caption === 'string') return content.caption;
  if (typeof content.name === 'string') return content.name;
  return '';
}
