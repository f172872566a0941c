import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Trans, useTranslation } from 'react-i18next';
import { trpc } from '../../../../lib/trpc';
import '../../../../styles/knowledge.css';

/** The form field the picker's checkboxes share; the chatbot form reads it with getAll. */
export const COLLECTION_FIELD = 'collectionIds';

/** The collection ids checked in the chatbot form. */
export const checkedCollections = (form: FormData) =>
  form.getAll(COLLECTION_FIELD).map((value) => Number(value));

/**
 * Which knowledge collections a chatbot answers from (replacing the old per-bot FAQ, whose
 * entries were moved into a "<bot> FAQ" collection). A new chatbot starts with none.
 */
export function KnowledgeCollectionsPicker({ chatbotId }: { chatbotId?: string }) {
  const { t } = useTranslation('settings');
  const { data: collections } = useSuspenseQuery(trpc.knowledge.collections.list.queryOptions());
  const linked = useQuery({
    ...trpc.knowledge.chatbots.get.queryOptions({ chatbotId: chatbotId ?? '' }),
    enabled: chatbotId !== undefined,
  });
  if (chatbotId !== undefined && !linked.data) {
    return <p role="status">{t('knowledge.loading')}</p>;
  }
  const chosen = new Set(linked.data?.map((c) => c.id));
  return (
    <fieldset className="kb-picker">
      <legend>{t('knowledge.legend')}</legend>
      {collections.length === 0 ? (
        <p className="field-hint">
          <Trans t={t} i18nKey="knowledge.none" components={{ link: <Link to="/knowledge" /> }} />
        </p>
      ) : (
        <>
          <div className="kb-picker-list">
            {collections.map((c) => (
              <label key={c.id} className="field-check-row">
                <input
                  type="checkbox"
                  name={COLLECTION_FIELD}
                  value={c.id}
                  defaultChecked={chosen.has(c.id)}
                />
                {c.name}
              </label>
            ))}
          </div>
          <p className="field-hint">
            <Trans t={t} i18nKey="knowledge.hint" components={{ link: <Link to="/knowledge" /> }} />
          </p>
        </>
      )}
    </fieldset>
  );
}

/** Which responder answers this chatbot's customers and why, as the server decides it. */
export function ResponderLine({ chatbotId }: { chatbotId: string }) {
  const { t } = useTranslation('settings');
  const { data } = useQuery(trpc.chatbots.responder.queryOptions({ id: chatbotId }));
  if (!data) return null;
  const label =
    data.kind !== 'openai'
      ? t(`responder.${data.kind}.label`)
      : data.host
        ? t('responder.openai.compatible', { model: data.model, host: data.host })
        : t('responder.openai.label', { model: data.model });
  return (
    <p
      className="responder-line"
      data-kind={data.kind}
      role="note"
      aria-label={t('responder.name')}
    >
      <strong>{t('responder.title', { label })}</strong>
      {t(`responder.${data.kind}.reason`)}
    </p>
  );
}
