import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/field';
import { SelectField } from '../../../components/form-controls';
import { FormError } from '../../../components/form-error';
import { formatNumber } from '../../../lib/format';
import { trpc } from '../../../lib/trpc';

export const Route = createFileRoute('/_authed/knowledge/try')({
  loader: ({ context }) =>
    context.queryClient.ensureQueryData(context.trpc.chatbots.list.queryOptions()),
  component: TryKnowledgePage,
});

/** The passages a chatbot would answer a question with, and how well each matched. */
function TryKnowledgePage() {
  const { t } = useTranslation('knowledge');
  const { data: chatbots } = useSuspenseQuery(trpc.chatbots.list.queryOptions());
  const [asked, setAsked] = useState<{ chatbotId: string; query: string } | null>(null);
  const hits = useQuery({
    ...trpc.knowledge.search.queryOptions(asked ?? { chatbotId: '', query: 'x' }),
    enabled: asked !== null,
  });

  if (chatbots.length === 0) {
    return <p className="kb-note">{t('try.noBot')}</p>;
  }
  return (
    <div className="page">
      <h2>{t('try.title')}</h2>
      <form
        className="kb-try"
        aria-label={t('try.title')}
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const query = String(form.get('query') ?? '').trim();
          if (query) setAsked({ chatbotId: String(form.get('chatbotId')), query });
        }}
      >
        <SelectField label={t('try.chatbot')} name="chatbotId" defaultValue={chatbots[0]?.id}>
          {chatbots.map((bot) => (
            <option key={bot.id} value={bot.id}>
              {bot.name}
            </option>
          ))}
        </SelectField>
        <Field label={t('try.question')} name="query" required maxLength={500} />
        <button type="submit" className="button button-primary">
          {t('try.search')}
        </button>
      </form>
      <FormError error={hits.error} />
      {hits.isFetching && <p role="status">{t('try.searching')}</p>}
      {hits.data && (
        <section aria-label={t('try.found')}>
          {hits.data.length === 0 ? (
            <p className="kb-note">{t('try.nothing')}</p>
          ) : (
            <ol className="kb-hits">
              {hits.data.map((hit) => (
                <li key={hit.passageId} className="kb-hit">
                  <p className="kb-hit-head">
                    <strong>{hit.title}</strong>
                    <span className="kb-score" title={t('try.scoreHint')}>
                      {t('try.score', {
                        score: formatNumber(hit.score, {
                          minimumFractionDigits: 2,
                          maximumFractionDigits: 2,
                        }),
                      })}
                    </span>
                  </p>
                  <p className="kb-hit-text">{hit.text}</p>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
