import { useMutation, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import { Pagination } from '../../../components/pagination';
import { deleteStateOf, RowActions } from '../../../components/row-actions';
import { SectionHeader } from '../../../components/section-header';
import { TruncatedText } from '../../../components/truncated-text';
import { useClientPage } from '../../../components/use-client-page';
import { useRefresh } from '../../../components/use-refresh';
import { trpc } from '../../../lib/trpc';
import { CannedForm, type CannedResponse } from './-components/canned/canned-form';

export const Route = createFileRoute('/_authed/settings/canned-responses')({
  loader: ({ context }) =>
    Promise.all([
      context.queryClient.ensureQueryData(context.trpc.cannedResponses.list.queryOptions()),
      context.queryClient.ensureQueryData(context.trpc.auth.me.queryOptions()),
    ]),
  component: CannedResponsesPage,
});

/** The workspace's shared canned responses and the caller's own. */
function CannedResponsesPage() {
  const { data: responses } = useSuspenseQuery(trpc.cannedResponses.list.queryOptions());
  const { data: me } = useSuspenseQuery(trpc.auth.me.queryOptions());
  const { rows, pagination } = useClientPage(responses);
  const [editing, setEditing] = useState<CannedResponse | 'new' | null>(null);
  const refresh = useRefresh(trpc.cannedResponses.pathFilter());
  const remove = useMutation(trpc.cannedResponses.delete.mutationOptions(refresh));
  const { t } = useTranslation('settings');
  return (
    <div className="page">
      <SectionHeader
        title={t('canned.title')}
        newLabel={t('canned.new')}
        onNew={() => setEditing('new')}
      />
      <p className="muted">
        <Trans t={t} i18nKey="canned.intro" components={{ code: <code /> }} />
      </p>
      <DataTable
        caption={t('canned.title')}
        columns={[
          t('canned.columns.shortcut'),
          t('canned.columns.title'),
          t('canned.columns.body'),
          t('canned.columns.scope'),
        ]}
        rows={rows}
        cells={(c) => (
          <>
            <td className="code">/{c.shortcut}</td>
            <td>
              <TruncatedText text={c.title} />
            </td>
            <td className="muted">
              <TruncatedText text={c.body} />
            </td>
            <td>
              <span className="badge">{t(`canned.scope.${c.scope}`)}</span>
            </td>
          </>
        )}
        actions={(c) =>
          c.editable ? (
            <RowActions
              what={t('canned.row', { shortcut: c.shortcut })}
              onEdit={() => setEditing(c)}
              onDelete={() => remove.mutate({ id: c.id })}
              {...deleteStateOf(remove, c.id)}
            />
          ) : null
        }
        empty={t('canned.empty')}
      />
      <Pagination {...pagination} noun={t('canned.noun')} />
      {editing && (
        <CannedForm
          canned={editing === 'new' ? undefined : editing}
          role={me.role}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
