import { useCallback, useSyncExternalStore } from 'react';

/**
 * A user's notification choices, kept in this browser per user: a desktop notification needs
 * this browser's permission anyway, and a sound suits one desk, not every machine one logs in
 * on. Both are off until the user turns them on (docs/agent-workspace.md, Nothing missed).
 */
export interface NotifySettings {
  sound: boolean;
  desktop: boolean;
}

const OFF: NotifySettings = { sound: false, desktop: false };
const key = (userId: number) => `support-inbox:notify:${userId}`;
const changed = new Set<() => void>();
const cache = new Map<number, { raw: string | null; value: NotifySettings }>();

export function readNotifySettings(userId: number): NotifySettings {
  const raw = localStorage.getItem(key(userId));
  const hit = cache.get(userId);
  if (hit && hit.raw === raw) return hit.value;
  let value = OFF;
  try {
    const parsed = raw ? (JSON.parse(raw) as Partial<NotifySettings>) : {};
    value = { sound: parsed.sound === true, desktop: parsed.desktop === true };
  } catch {
    value = OFF;
  }
  cache.set(userId, { raw, value });
  return value;
}

export function writeNotifySettings(userId: number, settings: NotifySettings): void {
  localStorage.setItem(key(userId), JSON.stringify(settings));
  for (const listener of changed) listener();
}

/** The settings, re-read when they change in this tab or another. */
export function useNotifySettings(userId: number): [NotifySettings, (s: NotifySettings) => void] {
  const subscribe = useCallback((listener: () => void) => {
    changed.add(listener);
    window.addEventListener('storage', listener);
    return () => {
      changed.delete(listener);
      window.removeEventListener('storage', listener);
    };
  }, []);
  const settings = useSyncExternalStore(subscribe, () => readNotifySettings(userId));
  return [settings, (s) => writeNotifySettings(userId, s)];
}

/** A short two-tone chime, made on the spot (no file to fetch). */
export function chime(): void {
  try {
    const audio = new AudioContext();
    for (const [i, frequency] of [880, 1320].entries()) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.08, audio.currentTime + i * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + i * 0.12 + 0.25);
      tone.connect(gain).connect(audio.destination);
      tone.start(audio.currentTime + i * 0.12);
      tone.stop(audio.currentTime + i * 0.12 + 0.25);
    }
    window.setTimeout(() => void audio.close(), 1_000);
  } catch {
    // No audio device, or the browser refused: the title and the badges still say it.
  }
}
