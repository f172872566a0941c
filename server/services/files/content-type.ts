/**
 * A file's type read from its first bytes (magic numbers), against the allow-list of what agents
 * and visitors may attach: images, PDF, audio and video. The name's extension and the request's
 * Content-Type are never trusted: a program renamed `.png` is still a program. Small on purpose:
 * the formats below are the ones WhatsApp and browsers show, and anything else is refused.
 */

type Sniffer = { type: string; test: (b: Uint8Array) => boolean };

const at = (b: Uint8Array, offset: number, bytes: readonly number[]) =>
  b.length >= offset + bytes.length && bytes.every((x, i) => b[offset + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const text = (b: Uint8Array, offset: number, s: string) => at(b, offset, ascii(s));

/** The ISO base media (MP4) brand in an `ftyp` box: M4A is audio, the rest video. */
function isoBrand(b: Uint8Array): string | undefined {
  if (!text(b, 4, 'ftyp') || b.length < 12) return undefined;
  return String.fromCharCode(...b.subarray(8, 12));
}

const SNIFFERS: readonly Sniffer[] = [
  { type: 'image/jpeg', test: (b) => at(b, 0, [0xff, 0xd8, 0xff]) },
  { type: 'image/png', test: (b) => at(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/gif', test: (b) => text(b, 0, 'GIF87a') || text(b, 0, 'GIF89a') },
  { type: 'image/webp', test: (b) => text(b, 0, 'RIFF') && text(b, 8, 'WEBP') },
  { type: 'application/pdf', test: (b) => text(b, 0, '%PDF-') },
  {
    type: 'audio/mpeg',
    // An ID3 tag, or an MPEG audio frame sync (11 bits set).
    test: (b) => text(b, 0, 'ID3') || (b.length > 1 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0),
  },
  { type: 'audio/ogg', test: (b) => text(b, 0, 'OggS') },
  { type: 'audio/mp4', test: (b) => ['M4A ', 'M4B '].includes(isoBrand(b) ?? '') },
  { type: 'video/mp4', test: (b) => isoBrand(b) !== undefined },
  { type: 'video/webm', test: (b) => at(b, 0, [0x1a, 0x45, 0xdf, 0xa3]) },
];

/** Every type an attachment may have, as the 415's message lists them. */
export const ALLOWED_CONTENT_TYPES = SNIFFERS.map((s) => s.type);

/** The allowed type the bytes are, or undefined when they are none of them. */
export function sniffContentType(bytes: Uint8Array): string | undefined {
  return SNIFFERS.find((s) => s.test(bytes))?.type;
}

/** Images are shown inline; everything else is downloaded (Content-Disposition: attachment). */
export const isImage = (contentType: string) => contentType.startsWith('image/');
