import { useSuspenseQuery } from '@tanstack/react-query';
import { SelectField } from '../../../../components/form-controls';
import { RowButton } from '../../../../components/row-actions';
import { trpc } from '../../../../lib/trpc';

export interface TagRoute {
  tagId: number;
  userIds: number[];
}

interface TagRoutesProps {
  routes: TagRoute[];
  onChange: (routes: TagRoute[]) => void;
  error?: string;
}

/**
 * Tag → agents: a conversation whose contact carries the tag goes only to those agents.
 * Edited locally; saved with the policy.
 */
export function TagRoutes({ routes, onChange, error }: TagRoutesProps) {
  const { data: tags } = useSuspenseQuery(trpc.tags.list.queryOptions({ limit: 100 }));
  const { data: users } = useSuspenseQuery(trpc.users.list.queryOptions());
  const tagName = (id: number) => tags.data.find((t) => t.id === id)?.name ?? `Tag #${id}`;
  const set = (index: number, route: TagRoute) =>
    onChange(routes.map((r, i) => (i === index ? route : r)));
  const unused = tags.data.filter((t) => !routes.some((r) => r.tagId === t.id));

  return (
    <fieldset className="fieldset">
      <legend>Tag routes</legend>
      <p className="field-hint">
        Conversations of contacts with a routed tag go only to the agents chosen for it.
      </p>
      {error && <p className="field-error">{error}</p>}
      {routes.length === 0 && (
        <p className="muted">No tag routes: any eligible agent may be chosen.</p>
      )}
      {routes.map((route, index) => {
        const label = route.tagId ? tagName(route.tagId) : `route ${index + 1}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: unsaved routes have no id; rows are only appended or removed
          <div key={index} className="route-row">
            <SelectField
              label="Tag"
              value={route.tagId || ''}
              required
              onChange={(e) => set(index, { ...route, tagId: Number(e.currentTarget.value) })}
            >
              <option value="" disabled>
                Choose a tag
              </option>
              {tags.data
                .filter((t) => t.id === route.tagId || unused.includes(t))
                .map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
            </SelectField>
            <SelectField
              label={`Agents for ${label}`}
              multiple
              size={Math.min(4, Math.max(2, users.length))}
              value={route.userIds.map(String)}
              onChange={(e) =>
                set(index, {
                  ...route,
                  userIds: [...e.currentTarget.selectedOptions].map((o) => Number(o.value)),
                })
              }
            >
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </SelectField>
            <RowButton
              label="Remove"
              name={`Remove ${label}`}
              onClick={() => onChange(routes.filter((_, i) => i !== index))}
            />
          </div>
        );
      })}
      <div>
        <button
          type="button"
          className="button"
          disabled={unused.length === 0}
          onClick={() => onChange([...routes, { tagId: 0, userIds: [] }])}
        >
          Add tag route
        </button>
      </div>
    </fieldset>
  );
}
