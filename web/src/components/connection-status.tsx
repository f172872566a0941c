import { type ConnectionState, useConnectionState } from '../lib/connection';
import './connection-status.css';

const LABEL: Record<ConnectionState, string> = {
  idle: 'Idle',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

const HINT: Record<ConnectionState, string> = {
  idle: 'Nothing on this page needs live updates',
  connecting: 'Opening the live connection',
  live: 'Updates arrive as they happen',
  reconnecting: 'The live connection dropped; what you see may be out of date until it returns',
};

/** The live-updates connection: a dot and a word, announced politely when it changes. */
export function ConnectionStatus() {
  const state = useConnectionState();
  return (
    <output
      className={`connection connection-${state}`}
      title={HINT[state]}
      aria-live="polite"
      data-state={state}
    >
      <span className="connection-dot" aria-hidden="true" />
      {LABEL[state]}
    </output>
  );
}
