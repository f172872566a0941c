import { useQueries } from '@tanstack/react-query';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';

export type Account = RouterOutputs['accounts']['list']['data'][number];
type Contact = RouterOutputs['contacts']['get'];
type Entry = RouterOutputs['catalog']['get'];

const unique = (ids: (number | null)[]) => [
  ...new Set(ids.filter((id): id is number => id !== null)),
];

const LONG = { staleTime: 5 * 60_000 };

/**
 * Names for the ids an accounts page shows. One `get` per distinct id; fired together, they
 * travel in one batched request and are cached across pages.
 */
export function useAccountNames(accounts: Account[]) {
  function lookup<T extends { id: number }>(results: { data?: T }[]): Map<number, T> {
    return new Map(results.flatMap((r) => (r.data ? [[r.data.id, r.data] as const] : [])));
  }
  const contacts = lookup<Contact>(
    useQueries({
      queries: unique(accounts.map((a) => a.contact_id)).map((id) =>
        trpc.contacts.get.queryOptions({ id }, LONG),
      ),
    }),
  );
  const entries = (kind: 'server' | 'application' | 'device', ids: (number | null)[]) =>
    unique(ids).map((id) => trpc.catalog.get.queryOptions({ kind, id }, LONG));
  const servers = lookup<Entry>(
    useQueries({
      queries: entries(
        'server',
        accounts.map((a) => a.server_id),
      ),
    }),
  );
  const apps = lookup<Entry>(
    useQueries({
      queries: entries(
        'application',
        accounts.map((a) => a.application_id),
      ),
    }),
  );
  const devices = lookup<Entry>(
    useQueries({
      queries: entries(
        'device',
        accounts.map((a) => a.device_id),
      ),
    }),
  );
  const name = (map: Map<number, { name: string }>, id: number | null) =>
    id === null ? '—' : (map.get(id)?.name ?? `#${id}`);
  return {
    contact: (id: number) => {
      const c = contacts.get(id);
      return c ? (c.name ?? c.external_id) : `#${id}`;
    },
    server: (id: number) => name(servers, id),
    application: (id: number | null) => name(apps, id),
    device: (id: number | null) => name(devices, id),
  };
}
