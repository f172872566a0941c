/**
 * The customer's language (Portuguese, Spanish or English) from a few words, for the bot's own
 * sentences: a handoff, a "does not know", a reply to small talk.
 */
export type Language = 'pt' | 'es' | 'en';

/** Lowercase, accents and apostrophes gone ("Não" → "nao", "don't" → "dont"). */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`´]/g, '');
}

export const words = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

const list = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

// Words, folded, that only one of the three uses (or uses far more than the others).
const ONLY: Record<Language, Set<string>> = {
  pt: list(`um uma uns umas meu minha meus minhas seu sua dele dela isso isto esse essa ao aos
    pelo pela num numa vou vai tenho tem estou sou foi sao nao sim tambem ja ainda onde quando
    qual quais quanto porque obrigado obrigada oi ola bom boa hoje amanha depois aqui voce voces
    vc eu nos ele ela eles elas com sem ate pra pro do da dos das na nas em e fica aceitam aceita
    consigo posso pode podem preciso quero queria gostaria fazer tudo bem cade meu muito pouco
    agora senha conta pedido entrega tchau valeu quem ontem o os as`),
  es: list(`un una unos unas mi mis tu tus su sus el la los las lo le les al del con sin hasta y es
    son esta estan estoy soy fue tengo tiene tienen hay puedo puede pueden quiero quisiera
    necesito gracias hola buenos buenas hoy manana despues aqui alli muy mucho poco tambien ya
    todavia donde cuando cual cuales cuanto cuanta usted ustedes yo nosotros ella ellos ellas
    abren cerca rato en pasame contrasena cuenta adios eso esto ayer quien`),
  en: list(`the an i you my is are to of and in on for with what how when where why can do does
    it this that have has please thanks thank hello hi need want talk order payment account help
    bye not dont be was will would your we get got yes ok there which who our from`),
};

/** Words Portuguese and Spanish share, which English does not use. */
const ROMANCE = list('como que de se por para mas hora toda todo cada vez te');

/** Spelling only one of them has: a tilde over a vowel, ç, ñ, ¿ and ¡, their word endings. */
function spelling(lower: string, folded: string[]): Record<Language, number> {
  const count = (re: RegExp) => lower.match(re)?.length ?? 0;
  const endings = (re: RegExp) => folded.filter((w) => re.test(w)).length;
  return {
    pt: 3 * count(/[ãõçâêô]/g) + endings(/(cao|coes|agem|dade|[lnr]ha|[ln]ho)$/),
    es: 3 * count(/[ñ¿¡]/g) + endings(/(cion|ciones|dad|aje)$/),
    en: endings(/(ing|tion|ould|ght)$/),
  };
}

/** The languages that explain most of the text, best first; empty when none explains any. */
function likeliest(text: string): Language[] {
  const folded = words(foldText(text));
  const score = spelling(text.toLowerCase(), folded);
  for (const w of folded)
    for (const language of ['pt', 'es', 'en'] as const)
      if (ONLY[language].has(w)) score[language]++;
  for (const w of folded)
    if (ROMANCE.has(w)) {
      score.pt++;
      score.es++;
    }
  const top = Math.max(score.pt, score.es, score.en);
  return top === 0 ? [] : (['pt', 'es', 'en'] as const).filter((l) => score[l] === top);
}

/**
 * The customer's language from their words, or `fallback` when nothing tells the three apart
 * (a number, a name, one word they share).
 */
export function guessLanguage(text: string, fallback: Language = 'en'): Language {
  const tied = likeliest(text);
  if (tied.length === 0) return fallback;
  return tied.includes(fallback) ? fallback : tied[0]!;
}

/** The customer's language when their words tell it, null when they do not. */
export function languageOf(text: string): Language | null {
  const tied = likeliest(text);
  return tied.length === 1 ? tied[0]! : null;
}
