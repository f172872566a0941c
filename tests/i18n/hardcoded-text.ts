import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
// Vite's own parser (oxc, ESTree shapes): TypeScript 7 has no JavaScript compiler API.
import { parseSync } from 'rolldown/experimental';

/** Props that people read (or hear): their text must come from the catalogues. */
const READ_PROPS = new Set([
  'placeholder',
  'title',
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'alt',
  'label',
  'hint',
  'description',
  'confirmLabel',
  'emptyText',
  'heading',
]);
/** Words that are the same in every language the console speaks. */
const SAME_IN_EVERY_LANGUAGE =
  /^(WhatsApp|WhatsApp Cloud|API|URL|JSON|CSV|ID|UUID|HTTP|HTTPS|OpenAI|WAHA|Evolution|E-mail|Email|CSAT|pk_…|sk_…)$/;
/** Elements whose text is code or keys, not prose. */
const CODE_ELEMENTS = new Set(['code', 'kbd', 'pre', 'samp']);

export interface HardcodedText {
  file: string;
  line: number;
  text: string;
}

// biome-ignore lint/suspicious/noExplicitAny: an ESTree node of any kind
type Node = any;

/** Literal strings an expression shows as they are (not a call's argument: `t('key')`). */
function shownLiterals(expr: Node, out: Node[]) {
  if (!expr) return;
  switch (expr.type) {
    case 'Literal':
      if (typeof expr.value === 'string') out.push(expr);
      break;
    case 'TemplateLiteral':
      out.push(...expr.quasis);
      break;
    case 'ConditionalExpression':
      shownLiterals(expr.consequent, out);
      shownLiterals(expr.alternate, out);
      break;
    case 'LogicalExpression':
      shownLiterals(expr.right, out);
      if (expr.operator !== '&&') shownLiterals(expr.left, out);
      break;
    case 'BinaryExpression':
      if (expr.operator === '+') {
        shownLiterals(expr.left, out);
        shownLiterals(expr.right, out);
      }
      break;
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
      shownLiterals(expr.expression, out);
      break;
  }
}

const textOf = (n: Node): string =>
  n.type === 'TemplateElement' ? n.value.cooked : n.type === 'JSXText' ? n.value : n.value;

const elementName = (n: Node): string | undefined =>
  n.type === 'JSXElement' && n.openingElement.name.type === 'JSXIdentifier'
    ? n.openingElement.name.name
    : undefined;

/** Text written into the console's JSX instead of coming from the i18n catalogues. */
export function hardcodedTexts(file: string): HardcodedText[] {
  const code = readFileSync(file, 'utf8');
  const { program, errors } = parseSync(file, code);
  if (errors.length) throw new Error(`${file}: ${errors[0]?.message}`);
  const found: HardcodedText[] = [];
  const report = (node: Node) => {
    const text = String(textOf(node) ?? '').trim();
    if (!/\p{L}/u.test(text) || SAME_IN_EVERY_LANGUAGE.test(text)) return;
    const line = code.slice(0, node.start).split('\n').length;
    found.push({ file, line, text: text.replace(/\s+/g, ' ').slice(0, 80) });
  };
  const visit = (node: Node, inCode: boolean) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, inCode);
      return;
    }
    const codeText = inCode || CODE_ELEMENTS.has(elementName(node) ?? '');
    if (!codeText && node.type === 'JSXText') report(node);
    if (node.type === 'JSXElement' || node.type === 'JSXFragment') {
      for (const child of node.children) {
        if (child.type === 'JSXExpressionContainer' && !codeText) {
          const literals: Node[] = [];
          shownLiterals(child.expression, literals);
          literals.forEach(report);
        }
      }
    }
    if (node.type === 'JSXAttribute' && READ_PROPS.has(String(node.name.name)) && node.value) {
      const literals: Node[] = [];
      if (node.value.type === 'Literal') literals.push(node.value);
      else if (node.value.type === 'JSXExpressionContainer')
        shownLiterals(node.value.expression, literals);
      literals.forEach(report);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'start' && key !== 'end' && value && typeof value === 'object')
        visit(value, codeText);
    }
  };
  visit(program, false);
  return found;
}

/** The console's components and pages. */
export function consoleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.tsx'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
