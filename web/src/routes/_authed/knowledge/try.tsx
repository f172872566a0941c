import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { Field } from '../../../components/field';
import { SelectField } from '../../../components/form-controls';
import { FormError } from '../../../components/form-error';
import { trpc } from '../../../lib/trpc';

export const Route = createFileRoute('/_authed/knowledge/try')({
  loader: ({ context }) =>
    context.queryClient.ensureQueryData(context.trpc.chatbots.list.queryOptions()),
  component: TryKnowledgePage,
});

/** The passages a chatbot would answer a question with, and how well each matched. */
function TryKnowledgePage() {
  const { data: chatbots } = useSuspenseQuery(trpc.chatbots.list.queryOptions());
  const [asked, setAsked] = useState<{ chatbotId: string; query: string } | null>(null);
  const hits = useQuery({
    ...trpc.knowledge.search.queryOptions(asked ?? { chatbotId: '', query: 'x' }),
    enabled: asked !== null,
  });

  if (chatbots.length === 0) {
    return <p className="kb-note">Create a chatbot in Settings first: searches run as one.</p>;
  }
  return (
    <div className="page">
      <h2>Try a question</h2>
      <form
        className="kb-try"
        aria-label="Try a question"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const query = String(form.get('query') ?? '').trim();
          if (query) setAsked({ chatbotId: String(form.get('chatbotId')), query });
        }}
      >
        <SelectField label="Chatbot" name="chatbotId" defaultValue={chatbots[0]?.id}>
          {chatbots.map((bot) => (
            <option key={bot.id} value={bot.id}>
              {bot.name}
            </option>
          ))}
        </SelectField>
        <Field label="Question" name="query" required maxLength={500} />
        <button type="submit" className="button button-primary">
          Search
        </button>
      </form>
      <FormError error={hits.error} />
      {hits.isFetching && <p role="status">Searching…</p>}
      {hits.data && (
        <section aria-label="Passages found">
          {hits.data.length === 0 ? (
            <p className="kb-note">
              Nothing in this chatbot's collections matches: it would hand the conversation over.
            </p>
          ) : (
            <ol className="kb-hits">
              {hits.data.map((hit) => (
                <li key={hit.passageId} className="kb-hit">
                  <p className="kb-hit-head">
                    <strong>{hit.title}</strong>
                    <span className="kb-score" title="0 to 1, higher is a better match">
                      Score {hit.score.toFixed(2)}
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
