import { useIsFetching, useMutationState, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../lib/format';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';
import { summaryMutationKey } from './copilot-actions';

type Summary = RouterOutputs['copilot']['summarize'];

/**
 * What the copilot wrote for the agents: the summary made at the bot's handoff, and the one
 * the agent asked for last (Summarize, under the composer). Private: neither is a message.
 */
export function CopilotPanel({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation('inbox');
  const input = { conversationId };
  const handoff = useQuery(trpc.copilot.handoffSummary.queryOptions(input));
  // The summary job announces itself as a conversation change, which refetches the details
  // (use-conversation-stream.ts): each refetch that ends reads the handoff summary again.
  const fetchingDetails = useIsFetching({ queryKey: trpc.conversations.get.pathKey() });
  const wasFetching = useRef(false);
  const refetch = handoff.refetch;
  useEffect(() => {
    if (fetchingDetails > 0) wasFetching.current = true;
    else if (wasFetching.current) {
      wasFetching.current = false;
      void refetch();
    }
  }, [fetchingDetails, refetch]);
  const asked = useMutationState({
    filters: { mutationKey: summaryMutationKey(conversationId), status: 'success' },
    select: (m) => m.state.data as Summary,
  }).at(-1);

  if (!handoff.data && !asked) return null;
  return (
    <section className="panel-section" aria-labelledby="panel-copilot">
      <h3 id="panel-copilot">{t('copilot.heading')}</h3>
      {asked && (
        <>
          <p className="inbox-muted">{t('copilot.askedSummary')}</p>
          <p className="copilot-summary">{asked.text}</p>
        </>
      )}
      {handoff.data && (
        <>
          <p className="inbox-muted">
            {t('copilot.handoff', { time: formatDateTime(handoff.data.handoffAt) })}
          </p>
          <p className="copilot-summary">{handoff.data.text}</p>
        </>
      )}
    </section>
  );
}
