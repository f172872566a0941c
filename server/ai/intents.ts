import { foldText, type Language, words } from './language';
import { wordList } from './word-match';

/**
 * What a customer's lines ask for before any knowledge is searched: a person (handed off at
 * once, whatever else they say), small talk (a polite answer, never a handoff), or a question.
 * Portuguese, Spanish and English; accents, case, punctuation and a typo or two do not matter.
 */

export type SmallTalkAct = 'greeting' | 'thanks' | 'goodbye' | 'ack';
export type Intent =
  | { kind: 'human' }
  | { kind: 'small-talk'; acts: SmallTalkAct[] }
  | { kind: 'question' };

/** Clauses: "no, I want a human" must not read as "no I want". */
const clauses = (text: string) =>
  foldText(text)
    .split(/[.,;:!?¡¿()"\n]+/)
    .map(words)
    .filter((c) => c.length > 0);

// A person, as customers name one. Weak ones ("someone", "support") need a verb of talking.
const PERSON = [
  ...['human', 'humans', 'person', 'agent', 'attendant', 'operator', 'representative', 'manager'],
  ...['humano', 'humana', 'pessoa', 'atendente', 'operador', 'operadora', 'agente', 'consultor'],
  ...['persona', 'asesor', 'asesora', 'ejecutivo', 'representante', 'supervisor', 'gerente'],
];
const SOMEONE = [
  ...['someone', 'somebody', 'anyone', 'support', 'staff', 'team', 'people'],
  ...['alguem', 'atendimento', 'suporte', 'equipe', 'gente'],
  ...['alguien', 'soporte', 'equipo'],
];
/** Verbs of talking to or being passed to someone: either kind of person follows them. */
const TALK = [
  ...['talk', 'speak', 'chat', 'connect', 'transfer', 'put', 'pass', 'escalate'],
  ...[
    'falar',
    'fala',
    'conversar',
    'transferir',
    'transfere',
    'passar',
    'passa',
    'chamar',
    'chama',
  ],
  ...['hablar', 'habla', 'pasar', 'pasame', 'pasa', 'comunicar', 'comunicarme', 'comunicame'],
];
/** Verbs of wanting: only a person proper follows them ("quero saber o atendimento" is a question). */
const WANT = [
  ...['need', 'want', 'get', 'like', 'prefer', 'request', 'give'],
  ...['quero', 'queria', 'preciso', 'gostaria', 'prefiro', 'pode', 'manda'],
  ...['quiero', 'quisiera', 'necesito', 'prefiero', 'dame', 'puedo'],
];
const NEGATION = ['not', 'dont', 'never', 'no', 'nao', 'nunca', 'ni', 'jamas', 'doesnt', 'didnt'];
/** Words that may stand beside a person in a bare request ("a real human, please!"). */
const REQUEST_FILLER = [
  ...['a', 'an', 'the', 'real', 'live', 'please', 'pls', 'now', 'i', 'me'],
  ...['um', 'uma', 'o', 'de', 'verdade', 'por', 'favor', 'agora', 'pf', 'pfv'],
  ...['un', 'una', 'el', 'ya', 'ahora'],
];

const isPerson = wordList(PERSON);
const isSomeone = wordList(SOMEONE);
const isTalk = wordList(TALK, 6);
const isWant = wordList(WANT, 6);
const isPersonOrFiller = wordList([...PERSON, ...REQUEST_FILLER]);

function asksForPerson(clause: string[]): boolean {
  if (clause.some(isPerson) && clause.every(isPersonOrFiller)) return true;
  // "is there a human I can talk to?": a person asked after, then talked to.
  const after = clause.findIndex(
    (t, i) => i > 0 && t === 'there' && /^(is|are)$/.test(clause[i - 1]!),
  );
  const personAfter = after > 0 && clause.slice(after + 1, after + 4).some(isPerson);
  if (personAfter && clause.slice(after + 2).some(isTalk)) return true;
  return clause.some((token, i) => {
    const talk = isTalk(token);
    if (!talk && !isWant(token)) return false;
    if (clause.slice(Math.max(0, i - 3), i).some((t) => NEGATION.includes(t))) return false;
    // "quero falar com um atendente": the person comes within a few words of the verb.
    const reach = clause.slice(i + 1, i + (talk ? 5 : 4));
    const someone = talk && token !== 'chat'; // "chat support hours" asks about a service
    return reach.some((t) => isPerson(t) || (someone && isSomeone(t)));
  });
}

/** Small talk's phrases, by what they do; a message is small talk when nothing else is in it. */
const SMALL_TALK: (readonly [SmallTalkAct, string[]])[] = [
  ...(
    [
      'hi|hello|hey|hiya|heya|howdy|yo|good morning|good afternoon|good evening|morning',
      'how are you|how are you doing|hows it going|whats up|sup',
      'oi|ola|opa|bom dia|boa tarde|boa noite|tudo bem|tudo bom|e ai|como vai|como vai voce',
      'hola|buenos dias|buen dia|buenas tardes|buenas noches|buenas|que tal|como estas|saludos',
    ] as const
  ).flatMap((s) => s.split('|').map((p) => ['greeting', p] as [SmallTalkAct, string])),
  ...(
    [
      'thanks|thank you|thx|ty|tks|thanx|cheers|appreciate it|much appreciated|thank u',
      'obrigado|obrigada|obg|brigado|brigada|valeu|vlw|agradeco',
      'gracias|agradezco|gracias mil',
    ] as const
  ).flatMap((s) => s.split('|').map((p) => ['thanks', p] as [SmallTalkAct, string])),
  ...(
    [
      'bye|goodbye|bye bye|see you|see ya|see you later|cya|take care|good night|later',
      'have a nice day|have a good day|have a great day',
      'tchau|tchauzinho|ate logo|ate mais|ate breve|ate amanha|flw|adeus|bom fim de semana',
      'adios|hasta luego|hasta pronto|hasta manana|chao|chau|nos vemos',
    ] as const
  ).flatMap((s) => s.split('|').map((p) => ['goodbye', p] as [SmallTalkAct, string])),
  ...(
    [
      'ok|okay|okey|k|sure|fine|great|cool|nice|perfect|awesome|excellent|got it|alright',
      'all right|understood|sounds good|noted|no problem|np|good|wonderful|thats all',
      'certo|beleza|blz|show|perfeito|otimo|legal|entendi|entendido|combinado|ta bom|ta|esta bem',
      'de boa|tranquilo|e isso|so isso|vale|perfecto|listo|genial|de acuerdo|claro|bueno',
      'excelente|muy bien|esta bien|sin problema|eso es todo|nada mas',
    ] as const
  ).flatMap((s) => s.split('|').map((p) => ['ack', p] as [SmallTalkAct, string])),
]
  .map(([act, phrase]) => [act, phrase.split(' ')] as const)
  .sort((a, b) => b[1].length - a[1].length); // the longest phrase is tried first

/** Words that go with small talk without changing what it does ("thanks so much for the help"). */
const SMALL_TALK_FILLER = [
  ...['so', 'very', 'much', 'a', 'lot', 'you', 'again', 'for', 'the', 'your', 'all', 'help'],
  ...['and', 'then', 'guys', 'everyone', 'everything', 'dear', 'haha', 'lol', 'really', 'oh'],
  ...['muito', 'muita', 'mesmo', 'pela', 'pelo', 'ajuda', 'tudo', 'e', 'entao', 'pessoal', 'rs'],
  ...['kkk', 'mucho', 'muchas', 'muchisimas', 'por', 'la', 'ayuda', 'todo', 'y', 'jaja', 'amigo'],
  ...['amiga', 'um', 'uma', 'dia', 'otimo', 'bom', 'buen', 'feliz'],
];

/** Each phrase's words, prepared (its matcher per word), in SMALL_TALK's order. */
const SMALL_TALK_WORDS = SMALL_TALK.map(([, phrase]) => phrase.map((w) => wordList([w], 6)));

/** The small talk a message's clauses are made of, or null when they say anything else. */
function smallTalkActs(textClauses: string[][]): SmallTalkAct[] | null {
  const acts = new Set<SmallTalkAct>();
  for (const clause of textClauses) {
    let i = 0;
    while (i < clause.length) {
      const at = SMALL_TALK_WORDS.findIndex((phrase) =>
        phrase.every((isWord, k) => clause[i + k] !== undefined && isWord(clause[i + k]!)),
      );
      const found = SMALL_TALK[at];
      if (found) {
        acts.add(found[0]);
        i += found[1].length;
      } else if (SMALL_TALK_FILLER.includes(clause[i]!)) {
        i++;
      } else {
        return null;
      }
    }
  }
  return acts.size ? [...acts] : null;
}

/** The last text detectIntent read: a turn asks of the same lines twice (its knowledge, its model). */
let lastRead: { text: string; intent: Intent } | undefined;

/** What the customer's lines ask for: a person wins over anything else they say. */
export function detectIntent(text: string): Intent {
  if (lastRead?.text !== text) lastRead = { text, intent: Object.freeze(readIntent(text)) };
  return lastRead.intent;
}

function readIntent(text: string): Intent {
  const textClauses = clauses(text);
  if (textClauses.some(asksForPerson)) return { kind: 'human' };
  const acts = smallTalkActs(textClauses);
  return acts ? { kind: 'small-talk', acts } : { kind: 'question' };
}

const SMALL_TALK_REPLY: Record<Language, Record<SmallTalkAct | 'thanks-goodbye', string>> = {
  en: {
    greeting: 'Hello! How can I help you?',
    thanks: "You're welcome! Is there anything else I can help with?",
    goodbye: 'Goodbye! Have a great day.',
    'thanks-goodbye': "You're welcome! Have a great day.",
    ack: 'Great! Let me know if there is anything else I can help with.',
  },
  pt: {
    greeting: 'Olá! Como posso ajudar?',
    thanks: 'Por nada! Posso ajudar em mais alguma coisa?',
    goodbye: 'Até logo! Tenha um ótimo dia.',
    'thanks-goodbye': 'Por nada! Tenha um ótimo dia.',
    ack: 'Combinado! Se precisar de mais alguma coisa, é só falar.',
  },
  es: {
    greeting: '¡Hola! ¿En qué puedo ayudarte?',
    thanks: '¡De nada! ¿Puedo ayudarte en algo más?',
    goodbye: '¡Hasta luego! Que tengas un buen día.',
    'thanks-goodbye': '¡De nada! Que tengas un buen día.',
    ack: '¡Perfecto! Si necesitas algo más, aquí estoy.',
  },
};

/** A polite answer to small talk: a goodbye or thanks outweighs the greeting or "ok" beside it. */
export function smallTalkReply(acts: SmallTalkAct[], language: Language): string {
  const has = (a: SmallTalkAct) => acts.includes(a);
  const key =
    has('thanks') && has('goodbye')
      ? 'thanks-goodbye'
      : has('goodbye')
        ? 'goodbye'
        : has('thanks')
          ? 'thanks'
          : has('greeting')
            ? 'greeting'
            : 'ack';
  return SMALL_TALK_REPLY[language][key];
}
