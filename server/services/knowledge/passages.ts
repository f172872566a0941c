/**
 * An article's markdown split into the passages search reads: by headings first, then each
 * section in chunks of about PASSAGE_CHARS on paragraph boundaries, so a passage is a piece a
 * customer can be answered with and still reads whole. Each carries its section's heading.
 */

/** Long enough to hold an answer, short enough that one passage is about one thing. */
export const PASSAGE_CHARS = 800;

export interface PassageDraft {
  position: number;
  heading: string;
  text: string;
}

interface Section {
  heading: string;
  lines: string[];
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const FENCE = /^ {0,3}(```|~~~)/;

/** Sections by ATX headings (`## Refunds`); a `#` inside a code fence is no heading. */
function sections(markdown: string): Section[] {
  const found: Section[] = [{ heading: '', lines: [] }];
  let fenced = false;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (FENCE.test(line)) fenced = !fenced;
    const heading = fenced ? null : HEADING.exec(line);
    if (heading) found.push({ heading: heading[2]!.trim(), lines: [] });
    else found[found.length - 1]!.lines.push(line);
  }
  return found;
}

/** A paragraph longer than a passage, cut at sentence ends (or, failing that, at spaces). */
function cutLong(paragraph: string, max: number): string[] {
  if (paragraph.length <= max) return [paragraph];
  const sentences = paragraph.match(/[^.!?\n]+(?:[.!?]+|\n|$)\s*/g) ?? [paragraph];
  const pieces: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    if (current && current.length + sentence.length > max) {
      pieces.push(current.trim());
      current = '';
    }
    current += sentence;
    while (current.length > max) {
      const space = current.lastIndexOf(' ', max);
      const at = space > max / 2 ? space : max;
      pieces.push(current.slice(0, at).trim());
      current = current.slice(at);
    }
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces;
}

/** Paragraphs gathered into chunks of at most `max` characters, in order. */
function chunks(paragraphs: string[], max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const paragraph of paragraphs.flatMap((p) => cutLong(p, max))) {
    if (current && current.length + 2 + paragraph.length > max) {
      out.push(current);
      current = '';
    }
    current = current ? `${current}\n\n${paragraph}` : paragraph;
  }
  if (current) out.push(current);
  return out;
}

export function splitIntoPassages(markdown: string, max = PASSAGE_CHARS): PassageDraft[] {
  const passages: PassageDraft[] = [];
  for (const section of sections(markdown)) {
    const paragraphs = section.lines
      .join('\n')
      .split(/\n[ \t]*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    for (const text of chunks(paragraphs, max)) {
      passages.push({ position: passages.length, heading: section.heading, text });
    }
  }
  return passages;
}
