import { trpc } from '../../../../lib/trpc';

export interface ContactSearch {
  page?: number;
  name?: string;
  external_id?: string;
  phone_number?: string;
  tag_ids?: number[];
}

export const CONTACTS_LIMIT = 20;

export const contactListInput = (search: ContactSearch) => ({
  ...search,
  include_tags: true,
  limit: CONTACTS_LIMIT,
});

/** Tags offered by the filters and pickers: the first hundred, by id. */
export const tagOptions = () => trpc.tags.list.queryOptions({ limit: 100 });
