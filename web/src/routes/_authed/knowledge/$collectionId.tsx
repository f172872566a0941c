import { useMutation, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link, notFound } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import { Pagination } from '../../../components/pagination';
import { deleteStateOf, RowActions } from '../../../components/row-actions';
import { SearchForm } from '../../../components/search-form';
import { listSearch } from '../../../components/search-params';
import { useRefresh } from '../../../components/use-refresh';
import { formatDateTime } from '../../../lib/format';
import { trpc } from '../../../lib/trpc';
import { ArticleForm, type ArticleRow } from './-components/article-form';
import { useCanEditKnowledge, useLanguageLabel } from './-components/can-edit';
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
const SOURCE_LABEL: Partial<
  Record<string, 'collection.source.document' | 'collection.source.faq'>
> = {
  document: 'collection.source.document',
  faq: 'collection.source.faq',
};

function CollectionPage() {
  const { t } = useTranslation('knowledge');
  const languageLabel = useLanguageLabel();
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
        <Link to="/knowledge">{t('collection.back')}</Link>
      </p>
      <div className="section-header kb-header">
        <h2>{collection.name}</h2>
        {canEdit && (
          <div className="kb-toolbar">
            <button type="button" className="button" onClick={() => setOpen('upload')}>
              {t('collection.upload')}
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => setOpen({ edit: 'new' })}
            >
              {t('collection.newArticle')}
            </button>
          </div>
        )}
      </div>
      <SearchForm
        label={t('collection.search')}
        value={search.search}
        onSearch={(text) => navigate({ search: { search: text } })}
      />
      <DataTable
        caption={t('collection.caption', { name: collection.name })}
        columns={[
          t('collection.columns.title'),
          t('collection.columns.status'),
          t('collection.columns.language'),
          { label: t('collection.columns.updated'), className: 'kb-wide' },
        ]}
        rows={data.data}
        cells={(a) => {
          const source = SOURCE_LABEL[a.source];
          return (
            <>
              <td>
                <span className="kb-title">{a.title}</span>
                {source && (
                  <span className="kb-origin">
                    {t(source)}
                    {a.fileName ? `: ${a.fileName}` : ''}
                  </span>
                )}
              </td>
              <td>
                <span className={a.status === 'published' ? 'badge badge-success' : 'badge'}>
                  {a.status === 'published' ? t('status.published') : t('status.draft')}
                </span>
                {a.indexing && <span className="kb-origin">{t('status.indexing')}</span>}
              </td>
              <td>{languageLabel(a.language)}</td>
              <td className="kb-wide">
                <time dateTime={a.updatedAt}>{formatDateTime(a.updatedAt)}</time>
              </td>
            </>
          );
        }}
        actions={(a) => (
          <RowActions
            what={t('collection.what', { title: a.title })}
            editLabel={canEdit ? t('collection.edit') : t('collection.read')}
            onEdit={() => setOpen({ edit: a })}
            onDelete={canEdit ? () => remove.mutate({ id: a.id }) : undefined}
            {...deleteStateOf(remove, a.id)}
          />
        )}
        empty={search.search ? t('collection.noMatch') : t('collection.empty')}
      />
      <Pagination
        {...data}
        noun={t('collection.noun')}
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
