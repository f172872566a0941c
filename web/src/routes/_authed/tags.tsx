import { useMutation, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table';
import { FormError } from '../../components/form-error';
import { Pagination } from '../../components/pagination';
import { RowActions } from '../../components/row-actions';
import { SearchForm } from '../../components/search-form';
import { listSearch } from '../../components/search-params';
import { TagChip } from '../../components/tag-chip';
import { useRefresh } from '../../components/use-refresh';
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
  const { t } = useTranslation('crm');
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const { data } = useSuspenseQuery(trpc.tags.list.queryOptions({ ...search, limit: LIMIT }));
  const [editing, setEditing] = useState<Tag | 'new' | null>(null);
  const refresh = useRefresh(trpc.tags.pathFilter());
  const remove = useMutation(trpc.tags.delete.mutationOptions(refresh));

  return (
    <section className="page" aria-labelledby="tags-title">
      <header className="page-header">
        <div>
          <h1 id="tags-title">{t('tags.title')}</h1>
          <p>{t('tags.intro')}</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
          {t('tags.new')}
        </button>
      </header>
      <SearchForm
        label={t('tags.search')}
        value={search.search}
        onSearch={(text) => navigate({ search: { search: text } })}
      />
      <FormError error={remove.error} />
      <DataTable
        caption={t('tags.caption')}
        columns={[t('tags.name'), t('tags.colour')]}
        rows={data.data}
        cells={(tag) => (
          <>
            <td>
              <TagChip name={tag.name} color={tag.color} />
            </td>
            <td className="code">{tag.color ?? '—'}</td>
          </>
        )}
        actions={(tag) => (
          <RowActions
            what={t('tags.what', { name: tag.name })}
            onEdit={() => setEditing(tag)}
            onDelete={() => remove.mutate({ id: tag.id })}
            deleting={remove.isPending}
          />
        )}
        empty={search.search ? t('tags.noMatch') : t('tags.empty')}
      />
      <Pagination
        {...data}
        noun={t('tags.noun')}
        onPage={(page) => navigate({ search: (prev) => ({ ...prev, page }) })}
      />
      {editing && (
        <TagForm tag={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </section>
  );
}
