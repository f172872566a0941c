/**
 * Knowledge retrieval over 100,000 passages: searchKnowledge (server/services/knowledge/
 * retrieval.ts) beside the raw statement it runs (search_knowledge, postgres.js, prepared),
 * interleaved, and the indexing throughput of the knowledge-index job's own function.
 *
 *   npx tsx scripts/bench/knowledge-retrieval.ts [--passages 100000] [--iterations 400] [--explain]
 *
 * Starts its own embedded PostgreSQL in a temp dir. Articles are written in English, Portuguese
 * and Spanish from a vocabulary of each language's common support words and several thousand
 * rarer made-up ones, drawn with a skew (a few words in most passages, most words in few), eight
 * sections of about 700 characters each, so every article is eight passages. All of them sit in
 * the collections of the one chatbot searched: the scope filter removes nothing. Questions are
 * 2 to 6 words of the same vocabulary, a fifth with a typo. Results: docs/performance.md.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  machineInfo,
  markdownTable,
  measureInterleaved,
  ms,
  startDatabase,
  summarize,
} from './lib';

const { values: args } = parseArgs({
  options: {
    passages: { type: 'string', default: '100000' },
    iterations: { type: 'string', default: '400' },
    explain: { type: 'boolean', default: false },
  },
});
const PASSAGES = Math.min(1_000_000, Math.max(800, Number(args.passages)));
const ITERATIONS = Math.min(5_000, Math.max(20, Number(args.iterations)));
const SECTIONS = 8;
const COLLECTIONS = 10;

const COMMON = {
  en: 'order refund payment card delivery shipping account password login invoice return exchange product store price discount coupon subscription cancel plan support hours address change track package delay damaged warranty repair contact phone email app update install error problem working days week month business customer service',
  pt: 'pedido reembolso pagamento cartão entrega frete conta senha acesso fatura devolução troca produto loja preço desconto cupom assinatura cancelar plano atendimento horário endereço alterar rastrear encomenda atraso danificado garantia conserto contato telefone aplicativo atualizar instalar erro problema funcionando dias semana mês cliente serviço',
  es: 'pedido reembolso pago tarjeta entrega envío cuenta contraseña acceso factura devolución cambio producto tienda precio descuento cupón suscripción cancelar plan soporte horario dirección cambiar rastrear paquete retraso dañado garantía reparación contacto teléfono aplicación actualizar instalar error problema funcionando días semana mes cliente servicio',
};
type Lang = keyof typeof COMMON;
const LANGS: Lang[] = ['en', 'pt', 'es'];
const SYLLABLES =
  'ba be bi bo ca co de di fa fe ga go la le li lo ma me mi mo na ne no pa pe pi ra re ri ro sa se si so ta te ti to va ve vi za'.split(
    ' ',
  );

/** A deterministic generator, so two runs search the same data with the same questions. */
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

function question(lang: Lang): string {
  const words = Array.from({ length: 2 + Math.floor(random() * 5) }, () => word(lang));
  if (random() < 0.2) {
    const i = Math.floor(random() * words.length);
    const w = words[i]!;
    if (w.length > 3) words[i] = w.slice(0, 1) + w[2] + w[1] + w.slice(3);
  }
  return words.join(' ');
}

async function main() {
  const bench = await startDatabase();
  const { connectDb, closeDb } = await import('../../server/db/client');
  connectDb(bench.url, { max: 8 });
  const { indexArticle } = await import('../../server/services/knowledge/indexing');
  const { searchKnowledge, questionWords } = await import(
    '../../server/services/knowledge/retrieval'
  );
  const sql = bench.sql;
  try {
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

    const articleCount = Math.ceil(PASSAGES / SECTIONS);
    const ids: number[] = [];
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
      ids.push(...inserted.map((r) => r.id));
    }

    console.error(`seeded ${ids.length} articles; indexing...`);
    // Indexing: the job's own function, four at a time (the worker's default concurrency is higher).
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < ids.length) await indexArticle(ids[next++]!);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await sql.unsafe('vacuum analyze knowledge_passages, knowledge_articles');
    const [{ n: passages }] =
      (await sql`select count(*)::int as n from knowledge_passages`) as unknown as [{ n: number }];

    console.error(`indexed ${passages} passages in ${seconds.toFixed(1)} s; searching...`);
    const questions = Array.from({ length: 300 }, (_, i) => question(LANGS[i % 3]!));
    let q = 0;
    let r = 0;
    const service = () =>
      searchKnowledge({
        workspaceId,
        chatbotId,
        query: questions[q++ % questions.length]!,
        limit: 5,
      });
    // The raw side gets the question as searchKnowledge passes it on (filler words dropped).
    const raw = () =>
      sql`select * from search_knowledge(${workspaceId}::integer, ${chatbotId}::integer,
        ${questionWords(questions[r++ % questions.length]!)}::text, 5::integer)`;
    const [serviceMs, rawMs] = await measureInterleaved([service, raw], {
      iterations: ITERATIONS,
      warmup: 30,
    });
    const rows = [
      ['searchKnowledge (service)', serviceMs!],
      ['search_knowledge (raw SQL)', rawMs!],
    ].map(([label, samples]) => {
      const s = summarize(samples as number[]);
      return [label as string, s.n, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
    });
    const hits = await Promise.all(
      questions.slice(0, 60).map((query) => searchKnowledge({ workspaceId, chatbotId, query })),
    );

    const m = machineInfo();
    console.log(`\n${m.cpu}, ${m.memory}, ${m.os}, Node ${m.node}, PostgreSQL ${bench.pgVersion}`);
    console.log(
      `${passages} passages in ${ids.length} articles (${COLLECTIONS} collections, all searched)\n`,
    );
    console.log(markdownTable(['retrieval', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], rows));
    console.log(`\nquestions with at least one hit: ${hits.filter((h) => h.length > 0).length}/60`);
    console.log(
      `indexing: ${ids.length} articles, ${passages} passages in ${seconds.toFixed(1)} s = ${Math.round(passages / seconds)} passages/s (${Math.round(ids.length / seconds)} articles/s), 4 at a time`,
    );
    if (args.explain) {
      // The function's body as a plain statement, so the plan shows inside it.
      const file = readFileSync(
        new URL('../../server/db/functions/search_knowledge.sql', import.meta.url),
        'utf8',
      );
      const body = file
        .slice(file.indexOf('as $$') + 5, file.lastIndexOf('$$;'))
        .replace(/p_workspace_id/g, '$1::integer')
        .replace(/p_chatbot_id/g, '$2::integer')
        .replace(/p_query/g, '$3::text')
        .replace(/p_limit/g, '5');
      await sql.begin(async (tx) => {
        await tx.unsafe(`set local pg_trgm.word_similarity_threshold = 0.3`);
        // The slowest questions are the ones worth reading.
        const timed: [number, string][] = [];
        for (const query of questions.slice(0, 100)) {
          const t0 = performance.now();
          await tx.unsafe(body, [workspaceId, chatbotId, questionWords(query)]);
          timed.push([performance.now() - t0, query]);
        }
        const slowest = timed
          .sort((a, b) => b[0] - a[0])
          .slice(0, 2)
          .map(([, query]) => query);
        for (const query of slowest) {
          const plan = await tx.unsafe(`explain (analyze, buffers) ${body}`, [
            workspaceId,
            chatbotId,
            questionWords(query),
          ]);
          console.log(`\n${query}\n${plan.map((p) => p['QUERY PLAN']).join('\n')}`);
        }
      });
    }
  } finally {
    await closeDb();
    await bench.stop();
  }
}

await main();
