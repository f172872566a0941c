import { useMutation, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link, notFound } from '@tanstack/react-router';
import { useState } from 'react';
import { DataTable } from '../../../components/data-table';
import { Pagination } from '../../../components/pagination';
import { deleteStateOf, RowActions } from '../../../components/row-actions';
import { SearchForm } from '../../../components/search-form';
import { listSearch } from '../../../components/search-params';
import { useRefresh } from '../../../components/use-refresh';
import { formatDateTime } from '../../../lib/format';
import { trpc } from '../../../lib/trpc';
import { ArticleForm, type ArticleRow } from './-components/article-form';
import { languageLabel, useCanEditKnowledge } from './-components/can-edit';
import { UploadForm } from './-components/upload-form';

const LIMIT = 20;

export const Route = createFileRoute('/_authed/knowledge/$collectionId')({
  params: {
    parse: ({ collectionId }) => {
      const id = Number(collectionId);
      if (!Number.isInteger(id) || id <= 0) throw notFound();
      return { collectionId: id };
    },
    stringify: ({ collectionId }) => ({ collectionId: String(collectionId) }),
  },
  validateSearch: listSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ context, params, deps }) =>
    Promise.all([
      context.queryClient.ensureQueryData(context.trpc.knowledge.collections.list.queryOptions()),
      context.queryClient.ensureQueryData(
        context.trpc.knowledge.articles.list.queryOptions({
          collectionId: params.collectionId,
          ...deps,
          limit: LIMIT,
        }),
      ),
    ]),
  component: CollectionPage,
});

/** Where an article came from, when not written here. */
const SOURCE_LABEL: Record<string, string | undefined> = {
  document: 'Uploaded',
  faq: 'From the FAQ',
};

function CollectionPage() {
  const { collectionId } = Route.useParams();
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const { data: collections } = useSuspenseQuery(trpc.knowledge.collections.list.queryOptions());
  const { data } = useSuspenseQuery(
    trpc.knowledge.articles.list.queryOptions({ collectionId, ...search, limit: LIMIT }),
  );
  const canEdit = useCanEditKnowledge();
  const [open, setOpen] = useState<{ edit: ArticleRow | 'new' } | 'upload' | null>(null);
  const refresh = useRefresh(trpc.knowledge.pathFilter());
  const remove = useMutation(trpc.knowledge.articles.delete.mutationOptions(refresh));
  const collection = collections.find((c) => c.id === collectionId);
  if (!collection) throw notFound();

  return (
    <div className="page">
      <p className="kb-back">
        <Link to="/knowledge">← All collections</Link>
      </p>
      <div className="section-header kb-header">
        <h2>{collection.name}</h2>
        {canEdit && (
          <div className="kb-toolbar">
            <button type="button" className="button" onClick={() => setOpen('upload')}>
              Upload document
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => setOpen({ edit: 'new' })}
            >
              New article
            </button>
          </div>
        )}
      </div>
      <SearchForm
        label="Search articles"
        value={search.search}
        onSearch={(text) => navigate({ search: { search: text } })}
      />
      <DataTable
        caption={`Articles of ${collection.name}`}
        columns={['Title', 'Status', 'Language', { label: 'Updated', className: 'kb-wide' }]}
        rows={data.data}
        cells={(a) => (
          <>
            <td>
              <span className="kb-title">{a.title}</span>
              {SOURCE_LABEL[a.source] && (
                <span className="kb-origin">
                  {SOURCE_LABEL[a.source]}
                  {a.fileName ? `: ${a.fileName}` : ''}
                </span>
              )}
            </td>
            <td>
              <span className={a.status === 'published' ? 'badge badge-success' : 'badge'}>
                {a.status === 'published' ? 'Published' : 'Draft'}
              </span>
              {a.indexing && <span className="kb-origin">Indexing…</span>}
            </td>
            <td>{languageLabel(a.language)}</td>
            <td className="kb-wide">
              <time dateTime={a.updatedAt}>{formatDateTime(a.updatedAt)}</time>
            </td>
          </>
        )}
        actions={(a) => (
          <RowActions
            what={`article ${a.title}`}
            editLabel={canEdit ? 'Edit' : 'Read'}
            onEdit={() => setOpen({ edit: a })}
            onDelete={canEdit ? () => remove.mutate({ id: a.id }) : undefined}
            {...deleteStateOf(remove, a.id)}
          />
        )}
        empty={search.search ? 'No article matches this search.' : 'No articles yet.'}
      />
      <Pagination
        {...data}
        noun="articles"
        onPage={(page) => navigate({ search: (prev) => ({ ...prev, page }) })}
      />
      {open === 'upload' && (
        <UploadForm collectionId={collectionId} onClose={() => setOpen(null)} />
      )}
      {open && open !== 'upload' && (
        <ArticleForm
          collectionId={collectionId}
          article={open.edit === 'new' ? undefined : open.edit}
          readOnly={!canEdit}
          onClose={() => setOpen(null)}
        />
      )}
    </div>
  );
}
