import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import { trpc } from '../../../../lib/trpc';
import '../../../../styles/copilot.css';

/**
 * The key of a conversation's on-demand summary: the composer asks for it, the side panel
 * (copilot-panel.tsx) shows the answer, read back with useMutationState.
 */
export const summaryMutationKey = (conversationId: number) =>
  ['copilot', 'summarize', conversationId] as const;

interface Props {
  conversationId: number;
  /** Puts the draft in the composer's box; the agent reads, edits and sends it, or not. */
  onDraft: (text: string) => void;
  /** Replying is locked (an ended conversation, a closed window): no draft then. */
  locked: boolean;
}

/**
 * The copilot's buttons under the composer. Without a model the server says why (no key), and
 * the buttons are disabled with that reason in view instead of failing on click.
 */
export function CopilotActions({ conversationId, onDraft, locked }: Props) {
  const { t } = useTranslation('inbox');
  const status = useQuery(trpc.copilot.status.queryOptions());
  const draft = useMutation(
    trpc.copilot.suggestReply.mutationOptions({ onSuccess: (d) => onDraft(d.text) }),
  );
  const summary = useMutation({
    ...trpc.copilot.summarize.mutationOptions(),
    mutationKey: summaryMutationKey(conversationId),
  });
  // The server's only reason is that it has no model (services/copilot/availability.ts): it
  // is said in the console's language rather than in the server's English.
  const reason = status.data && !status.data.available ? t('copilot.noModel') : null;
  const off = !status.data?.available;
  const error = draft.error ?? summary.error;

  return (
    <fieldset className="copilot-actions" aria-label={t('copilot.label')}>
      <button
        type="button"
        className="button button-quiet button-small"
        disabled={off || locked || draft.isPending}
        title={reason ?? t('copilot.draftTitle')}
        onClick={() => {
          draft.reset();
          draft.mutate({ conversationId });
        }}
      >
        {draft.isPending ? t('copilot.drafting') : t('copilot.suggest')}
      </button>
      <button
        type="button"
        className="button button-quiet button-small"
        disabled={off || summary.isPending}
        title={reason ?? t('copilot.summaryTitle')}
        onClick={() => {
          summary.reset();
          summary.mutate({ conversationId });
        }}
      >
        {summary.isPending ? t('copilot.summarizing') : t('copilot.summarize')}
      </button>
      {reason && (
        <span className="inbox-muted" role="note">
          {reason}
        </span>
      )}
      {error && (
        <span className="form-error" role="alert">
          {errorMessage(error)}
        </span>
      )}
    </fieldset>
  );
}
