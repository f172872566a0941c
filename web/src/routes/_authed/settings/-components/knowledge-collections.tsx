import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
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
  const { data: collections } = useSuspenseQuery(trpc.knowledge.collections.list.queryOptions());
  const linked = useQuery({
    ...trpc.knowledge.chatbots.get.queryOptions({ chatbotId: chatbotId ?? '' }),
    enabled: chatbotId !== undefined,
  });
  if (chatbotId !== undefined && !linked.data) {
    return <p role="status">Loading the chatbot's collections…</p>;
  }
  const chosen = new Set(linked.data?.map((c) => c.id));
  return (
    <fieldset className="kb-picker">
      <legend>Knowledge collections</legend>
      {collections.length === 0 ? (
        <p className="field-hint">
          No collections yet: write the bot's answers in <Link to="/knowledge">Knowledge</Link>.
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
            The bot answers from these collections' published articles. The FAQ entries now live
            there too: edit them in <Link to="/knowledge">Knowledge</Link>.
          </p>
        </>
      )}
    </fieldset>
  );
}

/** Which responder answers this chatbot's customers and why, as the server decides it. */
export function ResponderLine({ chatbotId }: { chatbotId: string }) {
  const { data } = useQuery(trpc.chatbots.responder.queryOptions({ id: chatbotId }));
  if (!data) return null;
  return (
    <p className="responder-line" data-kind={data.kind} role="note" aria-label="Responder">
      <strong>Responder: {data.label}</strong>
      {data.reason}
    </p>
  );
}
