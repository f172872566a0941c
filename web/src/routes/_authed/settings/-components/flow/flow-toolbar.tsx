import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { useFlowActions } from './use-flow-actions';
import type { useHistory } from './use-history';

interface Props {
  title: string;
  history: Pick<ReturnType<typeof useHistory>, 'undo' | 'redo' | 'canUndo' | 'canRedo'>;
  actions: ReturnType<typeof useFlowActions>;
  published: number | null;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iP(hone|ad)/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';

/** The editor's commands: undo and redo, save, publish, unpublish, export and import. */
export function FlowToolbar({ title, history, actions, published }: Props) {
  const { t } = useTranslation('flows');
  const file = useRef<HTMLInputElement>(null);
  return (
    <header className="flow-toolbar">
      <div className="flow-title">
        <h2>{title}</h2>
        <p className="muted" role="status" aria-live="polite">
          {published ? t('toolbar.published', { version: published }) : t('toolbar.notPublished')}
          {' · '}
          {actions.dirty ? t('toolbar.unsaved') : actions.status || t('toolbar.saved')}
        </p>
      </div>
      <div className="flow-commands" role="toolbar" aria-label={t('toolbar.commands')}>
        <button
          type="button"
          className="button button-small"
          onClick={history.undo}
          disabled={!history.canUndo}
          aria-keyshortcuts={isMac ? 'Meta+Z' : 'Control+Z'}
          title={t('toolbar.undoTitle', { shortcut: mod })}
        >
          {t('toolbar.undo')}
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={history.redo}
          disabled={!history.canRedo}
          aria-keyshortcuts={isMac ? 'Meta+Shift+Z' : 'Control+Shift+Z'}
          title={t('toolbar.redoTitle', { shortcut: mod })}
        >
          {t('toolbar.redo')}
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={actions.save}
          disabled={actions.busy || !actions.dirty}
        >
          {t('toolbar.save')}
        </button>
        <button
          type="button"
          className="button button-small button-primary"
          onClick={actions.publish}
          disabled={actions.busy}
        >
          {t('toolbar.publish')}
        </button>
        {published !== null && (
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={actions.unpublish}
            disabled={actions.busy}
          >
            {t('toolbar.unpublish')}
          </button>
        )}
        <button type="button" className="button button-small" onClick={actions.exportJson}>
          {t('toolbar.export')}
        </button>
        <button type="button" className="button button-small" onClick={() => file.current?.click()}>
          {t('toolbar.import')}
        </button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          aria-label={t('toolbar.importFile')}
          tabIndex={-1}
          onChange={(e) => {
            const chosen = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (chosen) actions.importFile(chosen);
          }}
        />
      </div>
      {actions.error && (
        <p className="form-error flow-error" role="alert">
          {actions.error}
        </p>
      )}
    </header>
  );
}
