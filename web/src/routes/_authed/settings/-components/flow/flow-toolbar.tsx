import { useRef } from 'react';
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
  const file = useRef<HTMLInputElement>(null);
  return (
    <header className="flow-toolbar">
      <div className="flow-title">
        <h2>{title}</h2>
        <p className="muted" role="status" aria-live="polite">
          {published ? `Version ${published} is published` : 'Not published'}
          {' · '}
          {actions.dirty ? 'Unsaved changes' : actions.status || 'Saved'}
        </p>
      </div>
      <div className="flow-commands" role="toolbar" aria-label="Flow commands">
        <button
          type="button"
          className="button button-small"
          onClick={history.undo}
          disabled={!history.canUndo}
          aria-keyshortcuts={isMac ? 'Meta+Z' : 'Control+Z'}
          title={`Undo (${mod}Z)`}
        >
          Undo
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={history.redo}
          disabled={!history.canRedo}
          aria-keyshortcuts={isMac ? 'Meta+Shift+Z' : 'Control+Shift+Z'}
          title={`Redo (Shift+${mod}Z)`}
        >
          Redo
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={actions.save}
          disabled={actions.busy || !actions.dirty}
        >
          Save draft
        </button>
        <button
          type="button"
          className="button button-small button-primary"
          onClick={actions.publish}
          disabled={actions.busy}
        >
          Publish
        </button>
        {published !== null && (
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={actions.unpublish}
            disabled={actions.busy}
          >
            Unpublish
          </button>
        )}
        <button type="button" className="button button-small" onClick={actions.exportJson}>
          Export JSON
        </button>
        <button type="button" className="button button-small" onClick={() => file.current?.click()}>
          Import JSON
        </button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          aria-label="Flow file to import"
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
