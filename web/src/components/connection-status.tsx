import { useTranslation } from 'react-i18next';
import { type ConnectionState, useConnectionState } from '../lib/connection';
import './connection-status.css';

// Each state's word is `connection.<state>`, its tooltip `connection.<state>Hint`.
const STATES = {
  idle: ['connection.idle', 'connection.idleHint'],
  connecting: ['connection.connecting', 'connection.connectingHint'],
  live: ['connection.live', 'connection.liveHint'],
  reconnecting: ['connection.reconnecting', 'connection.reconnectingHint'],
} as const satisfies Record<ConnectionState, readonly [string, string]>;

/** The live-updates connection: a dot and a word, announced politely when it changes. */
export function ConnectionStatus() {
  const { t } = useTranslation();
  const state = useConnectionState();
  const [label, hint] = STATES[state];
  return (
    <output
      className={`connection connection-${state}`}
      title={t(hint)}
      aria-live="polite"
      data-state={state}
    >
      <span className="connection-dot" aria-hidden="true" />
      {t(label)}
    </output>
  );
}
