import { sql } from '../../server/db/client';

/**
 * A fingerprint of every row a workspace owns: one md5 per table with a `workspace_id` (read
 * from the catalog, so a new table is included without being listed), the workspace's own row,
 * and the number of jobs waiting (a refused request must enqueue nothing).
 */
export async function workspaceSnapshot(workspaceId: number): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }[]>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'workspace_id' order by table_name`;
  const parts = tables.map(
    ({ table_name }) =>
      `select '${table_name}' as t, md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as h
       from public."${table_name}" r where r.workspace_id = $1`,
  );
  parts.push(`select 'workspaces', md5(w::text) from public.workspaces w where w.id = $1`);
  parts.push(`select 'jobs', count(*)::text from graphile_worker._private_jobs`);
  const rows = await sql.unsafe<{ t: string; h: string }[]>(parts.join(' union all '), [
    workspaceId,
  ]);
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: Record<string, string>, after: Record<string, string>) {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}
