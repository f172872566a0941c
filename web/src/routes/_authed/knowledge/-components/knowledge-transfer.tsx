import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import { formatNumber } from '../../../../lib/format';
import { trpc, trpcClient } from '../../../../lib/trpc';
import { importKnowledgeFile } from './upload-document';

/** Saves `data` as a file the browser downloads. */
function download(name: string, data: unknown) {
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** Export the whole knowledge base as JSON, and import such a file back (same slug = update). */
export function KnowledgeTransfer() {
  const { t } = useTranslation('knowledge');
  const queryClient = useQueryClient();
  const picker = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const exporting = useMutation({
    // A query on the server (it only reads), fetched on demand rather than kept in the cache.
    mutationFn: () => trpcClient.knowledge.export.query(),
    onSuccess: (file) => download(`knowledge-${new Date().toISOString().slice(0, 10)}.json`, file),
    onError: (err) => setNote({ ok: false, text: errorMessage(err) }),
  });
  const importing = useMutation({
    // Its own bytes to the REST route: an export can be past tRPC's 1 MB body.
    mutationFn: importKnowledgeFile,
    onMutate: () => setNote(null),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries(trpc.knowledge.pathFilter());
      setNote({
        ok: true,
        text: t('transfer.imported', {
          collections: formatNumber(result.collections),
          created: formatNumber(result.created),
          updated: formatNumber(result.updated),
        }),
      });
    },
    onError: (err) => setNote({ ok: false, text: errorMessage(err) }),
  });

  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => exporting.mutate()}
        disabled={exporting.isPending}
      >
        {t('transfer.export')}
      </button>
      <button
        type="button"
        className="button"
        onClick={() => picker.current?.click()}
        disabled={importing.isPending}
      >
        {importing.isPending ? t('transfer.importing') : t('transfer.import')}
      </button>
      <input
        ref={picker}
        type="file"
        accept="application/json,.json"
        aria-label={t('transfer.file')}
        hidden
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) importing.mutate(file);
        }}
      />
      {note && (
        <p className={note.ok ? 'kb-note' : 'field-error'} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </p>
      )}
    </>
  );
}
