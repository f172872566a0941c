import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../lib/format';
import { trpc } from '../../../../lib/trpc';
import { CHANNEL_LABEL } from './channel-icon';

/**
 * The customer's satisfaction rating of this conversation (docs/dashboard.md, CSAT), live: a
 * `csat:rated` event (the customer answered in the widget or on WhatsApp) reloads it, so an
 * open conversation shows the rating as it arrives.
 */
export function CsatSection({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation('csat');
  const queryClient = useQueryClient();
  const input = useMemo(() => ({ conversationId }), [conversationId]);
  const survey = useQuery(trpc.csat.forConversation.queryOptions(input));
  useSubscription(
    trpc.realtime.conversation.subscriptionOptions(
      { ...input, lastEventId: null },
      {
        onData: ({ data }) => {
          if (data.type !== 'csat:rated' && data.type !== 'conversation:ended') return;
          void queryClient.invalidateQueries({
            queryKey: trpc.csat.forConversation.queryKey(input),
          });
        },
      },
    ),
  );
  const s = survey.data;
  if (s === undefined) return null;

  return (
    <section className="panel-section" aria-labelledby="panel-csat">
      <h3 id="panel-csat">{t('survey.title')}</h3>
      {s === null ? (
        <p className="inbox-muted">{t('survey.notAsked')}</p>
      ) : s.rating === null ? (
        <p className="inbox-muted">{t('survey.waiting', { date: formatDateTime(s.askedAt) })}</p>
      ) : (
        <dl className="inbox-facts" data-testid="csat-rating">
          <dt>{t('survey.rating')}</dt>
          <dd>
            <span className="csat-stars" aria-hidden="true">
              {'★'.repeat(s.rating)}
              {'☆'.repeat(5 - s.rating)}
            </span>{' '}
            {t('survey.ratingValue', { rating: s.rating })}
          </dd>
          <dt>{t('survey.comment')}</dt>
          <dd>{s.comment ?? <span className="inbox-muted">{t('survey.noComment')}</span>}</dd>
          <dt>{t('survey.answered')}</dt>
          <dd>{s.answeredAt ? formatDateTime(s.answeredAt) : '—'}</dd>
          {s.channel && s.channel in CHANNEL_LABEL && (
            <>
              <dt>{t('survey.via')}</dt>
              <dd>{CHANNEL_LABEL[s.channel as keyof typeof CHANNEL_LABEL]}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
