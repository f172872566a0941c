/**
 * GET /contacts over HTTP against the same statements as raw SQL, on 100,000 contacts with tags.
 *
 *   npx tsx scripts/bench/contacts.ts [--contacts 100000] [--iterations 400] [--explain]
 *
 * Starts its own embedded PostgreSQL in a temp dir and the real express app on 127.0.0.1,
 * seeds with `insert ... select generate_series`, then, per query, times sequential HTTP
 * requests, the service called in-process and the raw statements (postgres.js) in interleaved
 * rounds and prints a markdown table. Results and method: docs/performance.md.
 */
import { parseArgs } from 'node:util';
import type postgres from 'postgres';
import {
  getJson,
  machineInfo,
  markdownTable,
  measureInterleaved,
  ms,
  startBenchStack,
  summarize,
} from './lib';

const { values: args } = parseArgs({
  options: {
    contacts: { type: 'string', default: '100000' },
    iterations: { type: 'string', default: '400' },
    explain: { type: 'boolean', default: false },
    // `few`: 400 distinct names, each shared by 250 contacts (see docs/performance.md).
    names: { type: 'string', default: 'realistic' },
    'name-statistics': { type: 'string' },
  },
});
const CONTACTS = Math.min(1_000_000, Math.max(1_000, Number(args.contacts)));
const ITERATIONS = Math.min(5_000, Math.max(20, Number(args.iterations)));
const TAGS = 20;

const FIRST = [
  'Ana',
  'João',
  'Maria',
  'José',
  'Paulo',
  'Carla',
  'Lucas',
  'Fernanda',
  'Pedro',
  'Juliana',
];
const LAST = [
  'Silva',
  'Santos',
  'Oliveira',
  'Souza',
  'Rodrigues',
  'Ferreira',
  'Alves',
  'Pereira',
  'Lima',
  'Gomes',
  'Costa',
  'Ribeiro',
  'Martins',
  'Carvalho',
  'Almeida',
  'Lopes',
  'Soares',
  'Fernandes',
  'Vieira',
  'Barbosa',
  'Rocha',
  'Dias',
  'Nascimento',
  'Andrade',
  'Moreira',
  'Nunes',
  'Marques',
  'Machado',
  'Mendes',
  'Freitas',
  'Cardoso',
  'Ramos',
  'Gonçalves',
  'Santana',
  'Teixeira',
  'Silveira',
  'Moura',
  'Correia',
  'Pinto',
  'Araújo',
];

/** 100k contacts, 20 tags, each contact with 1 to 3 tags (~142k links), then VACUUM ANALYZE. */
async function seed(sql: postgres.Sql, workspaceId: number): Promise<number[]> {
  const tagRows = await sql<{ id: number }[]>`
    insert into tags (workspace_id, name, color)
    select ${workspaceId}, 'Tag ' || g, '#' || lpad(to_hex((g * 797161) % 16777215), 6, '0')
    from generate_series(1, ${TAGS}) g
    order by g
    returning id`;
  const tagIds = tagRows.map((t) => t.id);
  await sql`
    insert into contacts (workspace_id, external_id, name, phone_number, notes)
    select ${workspaceId},
           (5511900000000 + g)::text || '@c.us',
           ${
             args.names === 'few'
               ? sql`(${sql.array(FIRST.slice(0, 10))}::text[])[1 + g % 10] || ' ' ||
                       (${sql.array(LAST)}::text[])[1 + (g / 10) % ${LAST.length}]`
               : // "Maria Santos Silva 123": 16k name combinations; with the number, near unique.
                 sql`(${sql.array(FIRST)}::text[])[1 + g % ${FIRST.length}] || ' ' ||
                       (${sql.array(LAST)}::text[])[1 + (g * 7 / ${FIRST.length}) % ${LAST.length}] || ' ' ||
                       (${sql.array(LAST)}::text[])[1 + (g * 13 / 3) % ${LAST.length}] || ' ' || (g % 1000)`
           },
           (5511900000000 + g)::text,
           case when g % 10 = 0 then 'Cliente VIP' end
    from generate_series(1, ${CONTACTS}) g`;
  // Every contact one tag; a third a second; a seventh a third (duplicates ignored).
  for (const [every, spread] of [
    [1, 1],
    [3, 3],
    [7, 7],
  ] as const) {
    await sql`
      insert into contact_tags (workspace_id, contact_id, tag_id)
      select workspace_id, id, (${sql.array(tagIds)}::int[])[1 + (id / ${spread}) % ${TAGS}]
      from contacts
      where workspace_id = ${workspaceId} and id % ${every} = 0
      on conflict do nothing`;
  }
  if (args['name-statistics']) {
    const target = Math.min(10_000, Math.max(1, Number(args['name-statistics'])));
    await sql.unsafe(`alter table contacts alter column name set statistics ${target}`);
  }
  await sql.unsafe('vacuum analyze contacts, contact_tags, tags');
  return tagIds;
}

interface Scenario {
  label: string;
  name?: string;
  tagIds?: number[];
  page: number;
  limit: number;
}

interface Result {
  total: number;
  ids: number[];
  tagCount: number;
}

/** The statements listContacts (server/services/contacts.ts) issues, by hand: count ‖ page, then tags. */
async function rawList(sql: postgres.Sql, workspaceId: number, s: Scenario): Promise<Result> {
  const where = sql`
    c.workspace_id = ${workspaceId}
    ${s.name ? sql`and c.name ilike ${`%${s.name}%`}` : sql``}
    ${
      s.tagIds
        ? sql`and exists (select 1 from contact_tags ct
                          where ct.contact_id = c.id and ct.tag_id in ${sql(s.tagIds)})`
        : sql``
    }`;
  const [[count], rows] = await Promise.all([
    sql<{ n: number }[]>`select count(*)::int as n from contacts c where ${where}`,
    sql<{ id: number }[]>`
      select c.* from contacts c where ${where}
      order by c.id limit ${s.limit} offset ${(s.page - 1) * s.limit}`,
  ]);
  const ids = rows.map((r) => r.id);
  const tags = ids.length
    ? await sql`
        select ct.contact_id, t.* from contact_tags ct join tags t on t.id = ct.tag_id
        where ct.contact_id in ${sql(ids)} order by t.id`
    : [];
  return { total: count!.n, ids, tagCount: tags.length };
}

/** The same page through the service, in-process: HTTP minus this is express, auth and JSON. */
function serviceQuery(s: Scenario) {
  return {
    include_tags: 'true',
    page: String(s.page),
    limit: String(s.limit),
    ...(s.name ? { name: s.name } : {}),
    ...(s.tagIds ? { tag_ids: s.tagIds.join(',') } : {}),
  };
}

async function httpList(base: string, token: string, s: Scenario): Promise<Result> {
  const qs = new URLSearchParams({
    include_tags: 'true',
    page: String(s.page),
    limit: String(s.limit),
  });
  if (s.name) qs.set('name', s.name);
  if (s.tagIds) qs.set('tag_ids', s.tagIds.join(','));
  const body = await getJson<{ total: number; data: { id: number; tags: unknown[] }[] }>(
    `${base}/contacts?${qs}`,
    token,
  );
  return {
    total: body.total,
    ids: body.data.map((c) => c.id),
    tagCount: body.data.reduce((n, c) => n + c.tags.length, 0),
  };
}

async function explain(sql: postgres.Sql, workspaceId: number, s: Scenario) {
  const name = s.name ? `and c.name ilike '%${s.name.replace(/'/g, "''")}%'` : '';
  const tags = s.tagIds
    ? `and exists (select 1 from contact_tags ct where ct.contact_id = c.id and ct.tag_id in (${s.tagIds.join(',')}))`
    : '';
  const where = `c.workspace_id = ${workspaceId} ${name} ${tags}`;
  for (const q of [
    `select count(*) from contacts c where ${where}`,
    `select c.* from contacts c where ${where} order by c.id limit ${s.limit} offset ${(s.page - 1) * s.limit}`,
  ]) {
    const plan = await sql.unsafe(`explain (analyze, buffers) ${q}`);
    console.error(`\n-- ${s.label}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
}

async function main() {
  const stack = await startBenchStack();
  try {
    const { sql, admin } = stack;
    const seedStart = performance.now();
    const tagIds = await seed(sql, admin.workspaceId);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const [{ links }] = (await sql`select count(*)::int as links from contact_tags`) as [
      { links: number },
    ];

    const scenarios: Scenario[] = [
      {
        label: "`name=silva&tag_ids=A,B&include_tags=true` (the issue's query)",
        name: 'silva',
        tagIds: tagIds.slice(0, 2),
        page: 1,
        limit: 10,
      },
      { label: '`name=silva&include_tags=true&limit=100`', name: 'silva', page: 1, limit: 100 },
      {
        label: '`tag_ids=A&include_tags=true&page=20&limit=100`',
        tagIds: tagIds.slice(0, 1),
        page: 20,
        limit: 100,
      },
      {
        label: `\`include_tags=true\` (no filter, ${CONTACTS.toLocaleString('en')} to count)`,
        page: 1,
        limit: 10,
      },
    ];

    const contacts = await import('../../server/services/contacts');
    const actor = { userId: admin.userId, workspaceId: admin.workspaceId, role: 'admin' as const };
    const rows: (string | number)[][] = [];
    for (const s of scenarios) {
      // Both sides must answer the same before their times mean anything.
      const [viaHttp, viaSql] = [
        await httpList(stack.url, admin.token, s),
        await rawList(sql, admin.workspaceId, s),
      ];
      if (JSON.stringify(viaHttp) !== JSON.stringify(viaSql)) {
        throw new Error(
          `${s.label}: HTTP ${JSON.stringify(viaHttp)} ≠ SQL ${JSON.stringify(viaSql)}`,
        );
      }
      if (args.explain) await explain(sql, admin.workspaceId, s);
      const [httpSamples, serviceSamples, sqlSamples] = await measureInterleaved(
        [
          () => httpList(stack.url, admin.token, s),
          () => contacts.listContacts(actor, serviceQuery(s)),
          () => rawList(sql, admin.workspaceId, s),
        ],
        { iterations: ITERATIONS, warmup: 30 },
      );
      const h = summarize(httpSamples!);
      const v = summarize(serviceSamples!);
      const q = summarize(sqlSamples!);
      rows.push([
        s.label,
        viaSql.total,
        ms(h.p50),
        ms(h.p95),
        ms(v.p50),
        ms(v.p95),
        ms(q.p50),
        ms(q.p95),
        `${(h.p50 / q.p50).toFixed(2)}×`,
        `${(h.p95 / q.p95).toFixed(2)}×`,
      ]);
    }

    const m = machineInfo();
    console.log(`# GET /contacts benchmark (${new Date().toISOString()})\n`);
    console.log(
      `- machine: ${m.cpu}, ${m.memory}, ${m.os}; Node ${m.node}; PostgreSQL ${stack.pgVersion} (embedded)`,
    );
    console.log(
      `- data: ${CONTACTS.toLocaleString('en')} contacts, ${TAGS} tags, ${links.toLocaleString('en')} contact–tag links (seeded in ${seedSeconds.toFixed(1)} s)`,
    );
    console.log(
      `- ${ITERATIONS} timed runs per column and query, one at a time over loopback, in 8 interleaved rounds (HTTP, service, SQL, HTTP, ...) after 30 warm-up runs; times in ms\n`,
    );
    console.log(
      markdownTable(
        [
          'query',
          'matches',
          'HTTP p50',
          'HTTP p95',
          'service p50',
          'service p95',
          'SQL p50',
          'SQL p95',
          'HTTP/SQL p50',
          'HTTP/SQL p95',
        ],
        rows,
      ),
    );
  } finally {
    await stack.stop();
  }
}

await main();
