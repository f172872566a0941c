import { useTranslation } from 'react-i18next';
import type { MentionSearch } from './use-mention-search';

export const MENTION_LIST_ID = 'mention-list';
const optionId = (id: number) => `mention-option-${id}`;

/** The colleagues matching the `@name` being typed in a note, a listbox the box points into. */
export function MentionPicker({ search }: { search: MentionSearch }) {
  const { t } = useTranslation('inbox');
  if (!search.open) return null;
  return (
    <div className="canned-picker">
      <div id={MENTION_LIST_ID} role="listbox" aria-label={t('mention.label')}>
        {search.matches.map((u, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the note box keeps the focus and its keys drive the list (aria-activedescendant)
          <div
            key={u.id}
            id={optionId(u.id)}
            role="option"
            tabIndex={-1}
            aria-selected={i === search.highlighted}
            className="canned-option"
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => search.setActive(i)}
            onClick={() => search.insert(u)}
          >
            <span className="canned-title">@{u.name}</span>
            <span className="canned-body">{u.email}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

/** What the note box says about the list, so a screen reader follows the highlighted colleague. */
export function mentionBoxAria(search: MentionSearch) {
  const current = search.open ? search.matches[search.highlighted] : undefined;
  return {
    'aria-autocomplete': 'list' as const,
    'aria-controls': search.open ? MENTION_LIST_ID : undefined,
    'aria-activedescendant': current ? optionId(current.id) : undefined,
  };
}
