import { useMutation, useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ROLE_RANK } from '../../../../../../shared/enums';
import { FormError } from '../../../../components/form-error';
import { trpc } from '../../../../lib/trpc';
import type { Conversation } from './use-conversation-actions';

/**
 * Turns the open conversation into a test case of its chatbot in one click (issue 21): its
 * customer turns become the script and what the bot did its expectations; then a link to the
 * case in the chatbot's Tests tab. Supervisors and admins; a conversation with no chatbot has
 * nothing to test.
 */
export function MakeTestCase({ c }: { c: Conversation }) {
  const { t } = useTranslation('inbox');
  const { data: me } = useSuspenseQuery(trpc.auth.me.queryOptions());
  const thread = useQuery(trpc.conversations.thread.queryOptions({ conversationId: c.id }));
  const make = useMutation(trpc.botTests.fromConversation.mutationOptions());
  const chatbotId = thread.data?.botId ?? null;
  if (ROLE_RANK[me.role] < ROLE_RANK.supervisor || chatbotId === null) return null;
  const name = c.contact?.name
    ? t('testCase.nameWith', { id: c.id, contact: c.contact.name })
    : t('testCase.name', { id: c.id });
  return (
    <section className="panel-section" aria-labelledby="panel-test-case">
      <h3 id="panel-test-case">{t('testCase.title')}</h3>
      {make.data ? (
        <p>
          {t('testCase.made')}{' '}
          <Link
            to="/settings/chatbots/$chatbotId/tests"
            params={{ chatbotId }}
            search={{ case: make.data.id }}
          >
            {t('testCase.open', { name: make.data.name })}
          </Link>
        </p>
      ) : (
        <button
          type="button"
          className="button button-small"
          disabled={make.isPending}
          onClick={() => make.mutate({ conversationId: c.id, name })}
        >
          {make.isPending ? t('testCase.making') : t('testCase.make')}
        </button>
      )}
      <FormError error={make.error} />
    </section>
  );
}
