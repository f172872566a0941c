import { useMutation, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import { deleteStateOf, RowActions } from '../../../components/row-actions';
import { useRefresh } from '../../../components/use-refresh';
import { formatNumber } from '../../../lib/format';
import { trpc } from '../../../lib/trpc';
import { useCanEditKnowledge } from './-components/can-edit';
import { type Collection, CollectionForm } from './-components/collection-form';
import { KnowledgeTransfer } from './-components/knowledge-transfer';

export const Route = createFileRoute('/_authed/knowledge/')({
  loader: ({ context }) =>
    context.queryClient.ensureQueryData(context.trpc.knowledge.collections.list.queryOptions()),
  component: CollectionsPage,
});

function CollectionsPage() {
  const { t } = useTranslation('knowledge');
  const { data: collections } = useSuspenseQuery(trpc.knowledge.collections.list.queryOptions());
  const canEdit = useCanEditKnowledge();
  const [editing, setEditing] = useState<Collection | 'new' | null>(null);
  const refresh = useRefresh(trpc.knowledge.pathFilter());
  const remove = useMutation(trpc.knowledge.collections.delete.mutationOptions(refresh));

  return (
    <div className="page">
      <div className="section-header kb-header">
        <h2>{t('collections.title')}</h2>
        {canEdit && (
          <div className="kb-toolbar">
            <KnowledgeTransfer />
            <button
              type="button"
              className="button button-primary"
              onClick={() => setEditing('new')}
            >
              {t('collections.new')}
            </button>
          </div>
        )}
      </div>
      <DataTable
        caption={t('collections.caption')}
        columns={[t('collections.name'), { label: t('collections.articles'), className: 'num' }]}
        rows={collections}
        cells={(c) => (
          <>
            <td>
              <Link to="/knowledge/$collectionId" params={{ collectionId: c.id }}>
                {c.name}
              </Link>
            </td>
            <td className="num">{formatNumber(c.articleCount)}</td>
          </>
        )}
        actions={(c) =>
          canEdit ? (
            <RowActions
              what={t('collections.what', { name: c.name })}
              editLabel={t('collections.rename')}
              onEdit={() => setEditing(c)}
              onDelete={() => remove.mutate({ id: c.id })}
              {...deleteStateOf(remove, c.id)}
            />
          ) : null
        }
        empty={canEdit ? t('collections.emptyEditor') : t('collections.empty')}
      />
      {editing && (
        <CollectionForm
          collection={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
