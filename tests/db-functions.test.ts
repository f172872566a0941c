import { describe, expect, it } from 'vitest';
import {
  type FunctionFile,
  functionFiles,
  newestGeneratedMigration,
  renderMigration,
} from '../scripts/db-functions';
import { sql } from '../server/db/client';

/** PostgreSQL's own rendering, with runs of whitespace made one space (layout is not a change). */
const normalize = (definition: string) => definition.replace(/\s+/g, ' ').trim();

/** Our functions in the migrated database (pg_trgm's, an extension's, are not ours). */
async function databaseFunctions(): Promise<Map<string, string[]>> {
  const rows = await sql<{ name: string; definition: string }[]>`
    select p.proname as name, pg_get_functiondef(p.oid) as definition
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public'
      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
    order by p.proname, p.oid`;
  const byName = new Map<string, string[]>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.definition]);
  return byName;
}

/**
 * The database's definitions of the file's function before and after running the file, in a
 * transaction rolled back: equal when the database already holds what the file says (down to
 * settings, volatility and arguments, as PostgreSQL itself renders them).
 */
async function compare(file: FunctionFile): Promise<{ migrated: string[]; fromFile: string[] }> {
  const conn = await sql.reserve();
  try {
    await conn`begin`;
    const definitions = async () =>
      (
        await conn<{ d: string }[]>`
          select pg_get_functiondef(p.oid) as d
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'public' and p.proname = ${file.name}
          order by p.oid`
      ).map((r) => normalize(r.d));
    const migrated = await definitions();
    await conn.unsafe(file.text);
    const fromFile = await definitions();
    return { migrated, fromFile };
  } finally {
    await conn`rollback`;
    conn.release();
  }
}

describe('server/db/functions: one readable definition per SQL function', () => {
  const files = functionFiles();

  it('has a file for every function of the migrated database, and a function for every file', async () => {
    const inDatabase = await databaseFunctions();
    expect(files.map((f) => f.name)).toEqual([...inDatabase.keys()].sort());
    for (const [name, definitions] of inDatabase) expect(definitions, name).toHaveLength(1);
  });

  it('names in each file the one function the file is named after', () => {
    for (const f of files) {
      const defined = [...f.text.matchAll(/create\s+or\s+replace\s+function\s+([a-z_]+)\s*\(/gi)];
      expect(
        defined.map((m) => m[1]),
        f.name,
      ).toEqual([f.name]);
    }
  });

  it.each(files.map((f) => [f.name, f]))(
    '%s: the migrated database runs the file as it is',
    async (_, file) => {
      const { migrated, fromFile } = await compare(file as FunctionFile);
      expect(fromFile).toEqual(migrated);
    },
  );

  it('sees a file edited without a migration', async () => {
    const file = files.find((f) => f.name === 'write_message') as FunctionFile;
    const edited = {
      ...file,
      text: file.text.replace("interval '24 hours'", "interval '25 hours'"),
    };
    expect(edited.text).not.toEqual(file.text);
    const { migrated, fromFile } = await compare(edited);
    expect(fromFile).not.toEqual(migrated);
  });

  it('the newest generated migration applies the files as they are (scripts/db-functions.ts check)', () => {
    const newest = newestGeneratedMigration();
    expect(newest?.file).toBeDefined();
    expect(newest?.text).toEqual(renderMigration());
  });
});
