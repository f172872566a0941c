/**
 * The message search benchmark's text (scripts/bench/message-search.ts): support chat in
 * Portuguese, Spanish and English, accents included, words drawn log-uniformly from a
 * vocabulary ranked by frequency (rank k about 1/k as often as the first, like real text):
 * the function words and the support words first, then made-up words of syllables that stand
 * in for names, products and typos and are rare.
 */
import type postgres from 'postgres';

/** The common words, most frequent first. */
export const COMMON_WORDS = [
  'de',
  'o',
  'a',
  'que',
  'the',
  'el',
  'la',
  'não',
  'to',
  'e',
  'y',
  'meu',
  'my',
  'para',
  'is',
  'com',
  'por',
  'pedido',
  'order',
  'en',
  'um',
  'una',
  'i',
  'you',
  'está',
  'obrigado',
  'gracias',
  'olá',
  'hola',
  'hello',
  'ajuda',
  'ayuda',
  'help',
  'problema',
  'problem',
  'entrega',
  'envío',
  'delivery',
  'pagamento',
  'pago',
  'payment',
  'cartão',
  'tarjeta',
  'card',
  'conta',
  'cuenta',
  'account',
  'senha',
  'contraseña',
  'password',
  'reembolso',
  'refund',
  'ação',
  'acción',
  'devolução',
  'devolución',
  'return',
  'endereço',
  'dirección',
  'address',
  'telefone',
  'teléfono',
  'phone',
  'atendimento',
  'atención',
  'support',
  'prazo',
  'plazo',
  'deadline',
  'cancelar',
  'cancel',
  'cancelamento',
  'cancelación',
  'assinatura',
  'suscripción',
  'subscription',
  'fatura',
  'factura',
  'invoice',
  'preço',
  'precio',
  'price',
  'desconto',
  'descuento',
  'discount',
  'produto',
  'producto',
  'product',
  'código',
  'code',
  'número',
  'number',
  'informação',
  'información',
  'information',
  'solução',
  'solución',
  'solution',
  'atualização',
  'actualización',
  'update',
  'aplicativo',
  'aplicación',
  'app',
  'instalação',
  'instalación',
  'install',
  'conexão',
  'conexión',
  'connection',
  'rápido',
  'lento',
  'slow',
  'amanhã',
  'mañana',
  'tomorrow',
  'ontem',
  'ayer',
  'yesterday',
  'também',
  'también',
  'also',
  'você',
  'usted',
  'agora',
  'ahora',
  'now',
  'já',
  'ya',
  'already',
  'até',
  'hasta',
  'until',
  'frete',
  'transportadora',
  'rastreamento',
  'rastreo',
  'tracking',
  'garantia',
  'garantía',
  'warranty',
  'técnico',
  'technician',
  'visita',
  'visit',
  'horário',
  'horario',
  'schedule',
];

/** Syllables of the made-up words (accents on some, so rare words carry them too). */
const SYLLABLES = [
  'ba',
  'be',
  'bi',
  'bo',
  'ca',
  'ção',
  'da',
  'de',
  'dí',
  'fa',
  'fé',
  'ga',
  'go',
  'já',
  'la',
  'lé',
  'li',
  'lo',
  'ma',
  'mé',
  'mi',
  'mo',
  'na',
  'ne',
  'nõ',
  'ño',
  'pa',
  'pe',
  'pi',
  'rá',
  're',
  'ri',
  'ro',
  'sa',
  'sé',
  'so',
  'ta',
  'te',
  'tí',
  'to',
  'tu',
  'va',
  've',
  'vi',
  'xa',
  'za',
  'zé',
  'zu',
  'qua',
  'gue',
  'lha',
  'nho',
  'tri',
  'pla',
];

/** The vocabulary as a table: rank 1 the most frequent, up to `size` words. */
export async function writeVocabulary(sql: postgres.Sql, size: number): Promise<number> {
  await sql`create unlogged table bench_vocabulary (rank integer primary key, word text not null)`;
  await sql`
    insert into bench_vocabulary
    select row_number() over (order by o), w from unnest(${COMMON_WORDS}::text[]) with ordinality u(w, o)`;
  const n = SYLLABLES.length;
  // Three or four syllables from the rank's digits in base n: distinct, made deterministically.
  await sql`
    insert into bench_vocabulary
    select r, s[1 + r % ${n}] || s[1 + (r / ${n}) % ${n}] || s[1 + (r / ${n * n}) % ${n}]
      || case when r % 3 = 0 then s[1 + (r / 7) % ${n}] else '' end
    from generate_series(${COMMON_WORDS.length + 1}::int, ${size}::int) r,
      (select ${SYLLABLES}::text[] as s) syl`;
  const [{ n: words }] = (await sql`
    select count(distinct word)::int as n from bench_vocabulary`) as unknown as [{ n: number }];
  return words;
}

/**
 * `perConversation` messages for each conversation of `workspaceId` with id in [from, to]:
 * 10 to 30 words each, a word of rank floor(size^u) for u uniform, so about 1/k as often as
 * rank 1 (log-uniform, a Zipf-like tail); alternately the customer's and the bot's.
 */
export function insertMessages(
  sql: postgres.Sql,
  workspaceId: number,
  from: number,
  to: number,
  perConversation: number,
  size: number,
) {
  return sql`
    with v as materialized (select array_agg(word order by rank) as words from bench_vocabulary)
    insert into messages (workspace_id, conversation_id, integration_id, direction, origin,
      content, status, sent_at, delivered_at, created_at, updated_at)
    select c.workspace_id, c.id, c.integration_id,
      (case when k % 2 = 1 then 'inbound' else 'outbound' end)::message_direction,
      (case when k % 2 = 1 then 'client' else 'bot' end)::message_origin,
      jsonb_build_object('text', t.text),
      (case when k % 2 = 1 then 'delivered' else 'read' end)::delivery_status, at, at, at, at
    from conversations c
    cross join generate_series(1, ${perConversation}::int) k
    cross join v
    cross join lateral (select c.last_activity_at - (${perConversation} - k) * interval '3 minutes' as at) a
    cross join lateral (
      -- g in the word's index keeps the aggregate this subquery's, not the outer query's.
      select string_agg(v.words[floor(exp(random() * ln(${size}::float8)))::int + 0 * g], ' ') as text
      from generate_series(1, 10 + (random() * 20)::int + 0 * k + 0 * c.id) g) t
    where c.workspace_id = ${workspaceId} and c.id between ${from} and ${to}
    order by c.id, k`;
}
