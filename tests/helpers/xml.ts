/*
 * A strict reader of the XML subset reports are written in (elements, attributes, text, the
 * five entities and character references, a prolog): enough to prove a JUnit file is well
 * formed and read its values back, without an XML library in the dependencies. It throws on
 * anything a real parser would reject in that subset: an unescaped < or &, a stray control
 * character, a mismatched or unclosed tag, an unquoted or repeated attribute.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][\w.-]*/;
// XML 1.0's Char production, as far as a JS string can break it.
const FORBIDDEN = {
  test: (s: string) =>
    [...s].some((c) => {
      const code = c.charCodeAt(0);
      return (code < 0x20 && code !== 9 && code !== 10 && code !== 13) || code >= 0xfffe;
    }),
};

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`raw '<' in ${where}`);
  return raw.replace(/&([^;]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new Error(`unterminated '&' in ${where}`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const code = /^#x[0-9a-f]+$/i.test(ref)
      ? Number.parseInt(ref.slice(2), 16)
      : /^#\d+$/.test(ref)
        ? Number(ref.slice(1))
        : Number.NaN;
    const char = Number.isNaN(code) ? '' : String.fromCodePoint(code);
    if (!char || FORBIDDEN.test(char)) throw new Error(`bad reference &${ref}; in ${where}`);
    return char;
  });
}

export function parseXml(source: string): XmlElement {
  if (FORBIDDEN.test(source)) throw new Error('a character XML 1.0 cannot carry');
  let at = 0;
  const rest = () => source.slice(at);
  const skipSpace = () => {
    while (/\s/.test(source[at] ?? '')) at++;
  };
  if (rest().startsWith('<?xml')) {
    const end = source.indexOf('?>', at);
    if (end < 0) throw new Error('unterminated prolog');
    at = end + 2;
  }
  skipSpace();

  const element = (): XmlElement => {
    if (source[at] !== '<') throw new Error(`expected '<' at ${at}`);
    at++;
    const name = NAME.exec(rest())?.[0];
    if (!name) throw new Error(`expected a tag name at ${at}`);
    at += name.length;
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (rest().startsWith('/>')) {
        at += 2;
        return el;
      }
      if (source[at] === '>') {
        at++;
        break;
      }
      const attr = NAME.exec(rest())?.[0];
      if (!attr) throw new Error(`expected an attribute in <${name}> at ${at}`);
      at += attr.length;
      const m = /^\s*=\s*"([^"]*)"/.exec(rest());
      if (!m) throw new Error(`attribute ${attr} of <${name}> is not a quoted value`);
      if (attr in el.attrs) throw new Error(`attribute ${attr} repeated in <${name}>`);
      el.attrs[attr] = decode(m[1]!, `attribute ${attr}`);
      at += m[0].length;
    }
    for (;;) {
      const next = source.indexOf('<', at);
      if (next < 0) throw new Error(`<${name}> is never closed`);
      el.text += decode(source.slice(at, next), `<${name}>`);
      at = next;
      if (rest().startsWith('</')) {
        const close = new RegExp(`^</${name}\\s*>`).exec(rest());
        if (!close) throw new Error(`</${name}> expected at ${at}`);
        at += close[0].length;
        return el;
      }
      el.children.push(element());
    }
  };

  const root = element();
  skipSpace();
  if (at !== source.length) throw new Error(`content after the root element at ${at}`);
  return root;
}

/** Every element named `name` under (and including) `el`, in document order. */
export function elementsNamed(el: XmlElement, name: string): XmlElement[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => elementsNamed(c, name))];
}
