import { useSuspenseQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('supervisor');
  const { data: tags } = useSuspenseQuery(trpc.tags.list.queryOptions({ limit: 100 }));
  const { data: users } = useSuspenseQuery(trpc.users.list.queryOptions());
  const tagName = (id: number) =>
    tags.data.find((tag) => tag.id === id)?.name ?? t('routes.tagNumber', { id });
  const set = (index: number, route: TagRoute) =>
    onChange(routes.map((r, i) => (i === index ? route : r)));
  const unused = tags.data.filter((tag) => !routes.some((r) => r.tagId === tag.id));

  return (
    <fieldset className="fieldset">
      <legend>{t('routes.title')}</legend>
      <p className="field-hint">{t('routes.hint')}</p>
      {error && <p className="field-error">{error}</p>}
      {routes.length === 0 && <p className="muted">{t('routes.none')}</p>}
      {routes.map((route, index) => {
        const label = route.tagId ? tagName(route.tagId) : t('routes.route', { number: index + 1 });
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: unsaved routes have no id; rows are only appended or removed
          <div key={index} className="route-row">
            <SelectField
              label={t('routes.tag')}
              value={route.tagId || ''}
              required
              onChange={(e) => set(index, { ...route, tagId: Number(e.currentTarget.value) })}
            >
              <option value="" disabled>
                {t('routes.choose')}
              </option>
              {tags.data
                .filter((tag) => tag.id === route.tagId || unused.includes(tag))
                .map((tag) => (
                  <option key={tag.id} value={tag.id}>
                    {tag.name}
                  </option>
                ))}
            </SelectField>
            <SelectField
              label={t('routes.agentsFor', { label })}
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
              label={t('routes.remove')}
              name={t('routes.removeRoute', { label })}
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
          {t('routes.add')}
        </button>
      </div>
    </fieldset>
  );
}
