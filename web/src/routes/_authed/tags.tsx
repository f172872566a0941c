import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { ConfirmButton } from '../../components/confirm-button';
import { FormError } from '../../components/form-error';
import { Pagination } from '../../components/pagination';
import { SearchForm } from '../../components/search-form';
import { listSearch } from '../../components/search-params';
import { TagChip } from '../../components/tag-chip';
import { trpc } from '../../lib/trpc';
import { type Tag, TagForm } from './tags/-components/tag-form';

const LIMIT = 20;

export const Route = createFileRoute('/_authed/tags')({
  validateSearch: listSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) =>
    context.queryClient.ensureQueryData(
      context.trpc.tags.list.queryOptions({ ...deps, limit: LIMIT }),
    ),
  component: TagsPage,
});

function TagsPage() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.tags.list.queryOptions({ ...search, limit: LIMIT }));
  const [editing, setEditing] = useState<Tag | 'new' | null>(null);
  const remove = useMutation(
    trpc.tags.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.tags.pathFilter()),
    }),
  );

  return (
    <section className="page" aria-labelledby="tags-title">
      <header className="page-header">
        <div>
          <h1 id="tags-title">Tags</h1>
          <p>
            Labels for contacts; auto-assignment can route tagged conversations to chosen agents.
          </p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
          New tag
        </button>
      </header>
      <SearchForm
        label="Search tags"
        value={search.search}
        onSearch={(text) => navigate({ search: { search: text } })}
      />
      <FormError error={remove.error} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Tags</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Colour</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.data.map((tag) => (
              <tr key={tag.id}>
                <td>
                  <TagChip name={tag.name} color={tag.color} />
                </td>
                <td className="code">{tag.color ?? '—'}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="button button-quiet"
                    aria-label={`Edit tag ${tag.name}`}
                    onClick={() => setEditing(tag)}
                  >
                    Edit
                  </button>
                  <ConfirmButton
                    label="Delete"
                    name={`Delete tag ${tag.name}`}
                    pending={remove.isPending}
                    onConfirm={() => remove.mutate({ id: tag.id })}
                  />
                </td>
              </tr>
            ))}
            {data.data.length === 0 && (
              <tr>
                <td colSpan={3} className="table-empty">
                  {search.search ? 'No tag matches this search.' : 'No tags yet.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pagination
        {...data}
        noun="tags"
        onPage={(page) => navigate({ search: (prev) => ({ ...prev, page }) })}
      />
      {editing && (
        <TagForm tag={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </section>
  );
}
