import { useMutation, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, notFound } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import { FormError } from '../../../components/form-error';
import { Pagination } from '../../../components/pagination';
import { RowActions } from '../../../components/row-actions';
import { SearchForm } from '../../../components/search-form';
import { listSearch } from '../../../components/search-params';
import { SectionHeader } from '../../../components/section-header';
import { TruncatedText } from '../../../components/truncated-text';
import { useRefresh } from '../../../components/use-refresh';
import { formatDate } from '../../../lib/format';
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
  const { t } = useTranslation('crm');
  const section = sectionOf(Route.useParams().kind)!;
  const words = `catalog.kinds.${section.kind}` as const;
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const { data } = useSuspenseQuery(
    trpc.catalog.list.queryOptions({ kind: section.kind, ...search, limit: LIMIT }),
  );
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const refresh = useRefresh(trpc.catalog.pathFilter());
  const remove = useMutation(trpc.catalog.delete.mutationOptions(refresh));

  return (
    <div className="page">
      <SectionHeader
        title={t(`${words}.title`)}
        newLabel={t(`${words}.new`)}
        onNew={() => setEditing('new')}
      />
      <SearchForm
        label={t(`${words}.search`)}
        value={search.search}
        onSearch={(text) => navigate({ search: { search: text } })}
      />
      <FormError error={remove.error} />
      <DataTable
        caption={t(`${words}.title`)}
        columns={[t('catalog.name'), t('catalog.created')]}
        rows={data.data}
        cells={(entry) => (
          <>
            <td>
              <TruncatedText text={entry.name} />
            </td>
            <td>{formatDate(entry.created_at)}</td>
          </>
        )}
        actions={(entry) => (
          <RowActions
            what={t(`${words}.what`, { name: entry.name })}
            editLabel={t('catalog.rename')}
            onEdit={() => setEditing(entry)}
            onDelete={() => remove.mutate({ kind: section.kind, id: entry.id })}
            deleting={remove.isPending}
          />
        )}
        empty={search.search ? t(`${words}.noMatch`) : t(`${words}.empty`)}
      />
      <Pagination
        {...data}
        noun={t(`${words}.noun`)}
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
