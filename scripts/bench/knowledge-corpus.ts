/**
 * The knowledge benchmark's corpus (scripts/bench/knowledge-retrieval.ts): articles in English,
 * Portuguese and Spanish from a vocabulary of each language's common support words and several
 * thousand rarer made-up ones, drawn with a skew (a few words in most passages, most words in
 * few), eight sections of about 700 characters each, so every article is eight passages; and
 * questions of 2 to 6 words of the same vocabulary, a fifth with a typo. Deterministic: two runs
 * search the same data with the same questions.
 */
import type postgres from 'postgres';

export const SECTIONS = 8;
export const COLLECTIONS = 10;

const COMMON = {
  en: 'order refund payment card delivery shipping account password login invoice return exchange product store price discount coupon subscription cancel plan support hours address change track package delay damaged warranty repair contact phone email app update install error problem working days week month business customer service',
  pt: 'pedido reembolso pagamento cartão entrega frete conta senha acesso fatura devolução troca produto loja preço desconto cupom assinatura cancelar plano atendimento horário endereço alterar rastrear encomenda atraso danificado garantia conserto contato telefone aplicativo atualizar instalar erro problema funcionando dias semana mês cliente serviço',
  es: 'pedido reembolso pago tarjeta entrega envío cuenta contraseña acceso factura devolución cambio producto tienda precio descuento cupón suscripción cancelar plan soporte horario dirección cambiar rastrear paquete retraso dañado garantía reparación contacto teléfono aplicación actualizar instalar error problema funcionando días semana mes cliente servicio',
};
type Lang = keyof typeof COMMON;
export const LANGS: Lang[] = ['en', 'pt', 'es'];
const SYLLABLES =
  'ba be bi bo ca co de di fa fe ga go la le li lo ma me mi mo na ne no pa pe pi ra re ri ro sa se si so ta te ti to va ve vi za'.split(
    ' ',
  );

let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

const vocabulary = Object.fromEntries(
  LANGS.map((lang) => {
    const words = COMMON[lang].split(' ');
    for (let i = 0; i < 6000; i++) {
      const n = 2 + Math.floor(random() * 3);
      words.push(
        Array.from({ length: n }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(
          '',
        ),
      );
    }
    return [lang, words];
  }),
) as Record<Lang, string[]>;

/** Skewed: rank r is drawn about as often as 1/r. */
const word = (lang: Lang) => {
  const words = vocabulary[lang];
  return words[Math.floor(words.length ** random()) - 1]!;
};
const sentence = (lang: Lang, n: number) => Array.from({ length: n }, () => word(lang)).join(' ');

function articleBody(lang: Lang): string {
  return Array.from({ length: SECTIONS }, () => {
    const paragraphs = Array.from({ length: 3 }, () => `${sentence(lang, 30)}.`);
    return `## ${sentence(lang, 3)}\n\n${paragraphs.join('\n\n')}`;
  }).join('\n\n');
}

export function question(lang: Lang): string {
  const words = Array.from({ length: 2 + Math.floor(random() * 5) }, () => word(lang));
  if (random() < 0.2) {
    const i = Math.floor(random() * words.length);
    const w = words[i]!;
    if (w.length > 3) words[i] = w.slice(0, 1) + w[2] + w[1] + w.slice(3);
  }
  return words.join(' ');
}

/** The questions the benchmark asks, in turn by language. */
export const questions = (n: number) =>
  Array.from({ length: n }, (_, i) => question(LANGS[i % 3]!));

export interface Corpus {
  workspaceId: number;
  chatbotId: number;
  /** The articles written (not yet indexed). */
  articleIds: number[];
}

/**
 * One workspace whose chatbot answers from COLLECTIONS collections holding the articles of
 * about `passages` passages, written as rows (drafts of the edit's job: not indexed).
 */
export async function writeCorpus(sql: postgres.Sql, passages: number): Promise<Corpus> {
  const [ws] = await sql<
    { id: number }[]
  >`insert into workspaces (name) values ('Knowledge') returning id`;
  const workspaceId = ws!.id;
  const [bot] = await sql<{ id: number }[]>`
    insert into chatbots (workspace_id, name, public_key) values (${workspaceId}, 'Bot', 'pk_bench') returning id`;
  const chatbotId = bot!.id;
  const collections = await sql<{ id: number }[]>`
    insert into knowledge_collections (workspace_id, name)
    select ${workspaceId}, 'Collection ' || g from generate_series(1, ${COLLECTIONS}) g returning id`;
  await sql`insert into chatbot_knowledge (chatbot_id, collection_id)
    select ${chatbotId}, unnest(${sql.array(collections.map((c) => c.id))}::int[])`;

  const articleCount = Math.ceil(passages / SECTIONS);
  const articleIds: number[] = [];
  for (let start = 0; start < articleCount; start += 500) {
    const rows = Array.from({ length: Math.min(500, articleCount - start) }, (_, i) => {
      const n = start + i;
      const lang = LANGS[n % 3]!;
      return {
        workspace_id: workspaceId,
        collection_id: collections[n % COLLECTIONS]!.id,
        slug: `article-${n}`,
        title: sentence(lang, 4).slice(0, 200),
        body: articleBody(lang),
        language: lang,
        status: 'published',
      };
    });
    const inserted = await sql<
      { id: number }[]
    >`insert into knowledge_articles ${sql(rows)} returning id`;
    articleIds.push(...inserted.map((r) => r.id));
  }
  return { workspaceId, chatbotId, articleIds };
}
