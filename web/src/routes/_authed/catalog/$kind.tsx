import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, notFound } from '@tanstack/react-router';
import { useState } from 'react';
import { ConfirmButton } from '../../../components/confirm-button';
import { FormError } from '../../../components/form-error';
import { Pagination } from '../../../components/pagination';
import { SearchForm } from '../../../components/search-form';
import { listSearch } from '../../../components/search-params';
import { trpc } from '../../../lib/trpc';
import { type Entry, EntryForm } from './-components/entry-form';
import { sectionOf } from './-components/kinds';

const LIMIT = 20;

export const Route = createFileRoute('/_authed/catalog/$kind')({
  params: {
    parse: ({ kind }) => {
      const section = sectionOf(kind);
      if (!section) throw notFound();
      return { kind: section.slug };
    },
    stringify: ({ kind }) => ({ kind }),
  },
  validateSearch: listSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ context, params, deps }) =>
    context.queryClient.ensureQueryData(
      context.trpc.catalog.list.queryOptions({
        kind: sectionOf(params.kind)!.kind,
        ...deps,
        limit: LIMIT,
      }),
    ),
  component: CatalogSectionPage,
});

function CatalogSectionPage() {
  const section = sectionOf(Route.useParams().kind)!;
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(
    trpc.catalog.list.queryOptions({ kind: section.kind, ...search, limit: LIMIT }),
  );
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const remove = useMutation(
    trpc.catalog.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.catalog.pathFilter()),
    }),
  );

  return (
    <div className="page">
      <div className="section-header">
        <h2>{section.title}</h2>
        <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
          New {section.singular}
        </button>
      </div>
      <SearchForm
        label={`Search ${section.title.toLowerCase()}`}
        value={search.search}
        onSearch={(text) => navigate({ search: { search: text } })}
      />
      <FormError error={remove.error} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{section.title}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.data.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.name}</td>
                <td>{new Date(entry.created_at).toLocaleDateString()}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="button button-quiet"
                    aria-label={`Rename ${section.singular} ${entry.name}`}
                    onClick={() => setEditing(entry)}
                  >
                    Rename
                  </button>
                  <ConfirmButton
                    label="Delete"
                    name={`Delete ${section.singular} ${entry.name}`}
                    pending={remove.isPending}
                    onConfirm={() => remove.mutate({ kind: section.kind, id: entry.id })}
                  />
                </td>
              </tr>
            ))}
            {data.data.length === 0 && (
              <tr>
                <td colSpan={3} className="table-empty">
                  {search.search
                    ? `No ${section.singular} matches this search.`
                    : `No ${section.title.toLowerCase()} yet.`}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pagination
        {...data}
        noun={section.title.toLowerCase()}
        onPage={(page) => navigate({ search: (prev) => ({ ...prev, page }) })}
      />
      {editing && (
        <EntryForm
          section={section}
          entry={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
