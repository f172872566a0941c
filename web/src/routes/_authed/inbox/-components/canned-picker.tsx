import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import '../../../../styles/composer-extras.css';
import type { CannedSearch } from './use-canned-search';

export const CANNED_LIST_ID = 'canned-list';
export const cannedOptionId = (id: number) => `canned-option-${id}`;

/**
 * The matches of the `/query` being typed, as a listbox the reply box points into with
 * aria-activedescendant (the focus stays in the box, so typing goes on filtering it).
 */
export function CannedPicker({ search }: { search: CannedSearch }) {
  const { t } = useTranslation('inbox');
  if (!search.open) return null;
  const { matches, highlighted } = search;
  return (
    <div className="canned-picker">
      {search.error ? (
        <p className="form-error" role="alert">
          {errorMessage(search.error)}
        </p>
      ) : matches.length === 0 ? (
        <p className="canned-empty muted" role="status">
          {search.loading ? t('canned.searching') : t('canned.noMatch', { query: search.query })}{' '}
          <Link to="/settings/canned-responses">{t('canned.manage')}</Link>
        </p>
      ) : (
        <div id={CANNED_LIST_ID} role="listbox" aria-label={t('canned.label')}>
          {matches.map((m, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the reply box keeps the focus and its keys drive the list (aria-activedescendant); a mouse press must not take the focus either
            <div
              key={m.id}
              id={cannedOptionId(m.id)}
              role="option"
              tabIndex={-1}
              aria-selected={i === highlighted}
              className="canned-option"
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => search.setActive(i)}
              onClick={() => void search.insert(m)}
            >
              <span className="canned-shortcut">/{m.shortcut}</span>
              <span className="canned-title">{m.title}</span>
              {m.scope === 'personal' && <span className="badge">{t('canned.mine')}</span>}
              <span className="canned-body">{m.body}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** What the reply box says about the list, so a screen reader follows the highlighted option. */
export function cannedBoxAria(search: CannedSearch) {
  const current = search.open ? search.matches[search.highlighted] : undefined;
  return {
    'aria-autocomplete': 'list' as const,
    'aria-controls': search.open && search.matches.length > 0 ? CANNED_LIST_ID : undefined,
    'aria-activedescendant': current ? cannedOptionId(current.id) : undefined,
  };
}
