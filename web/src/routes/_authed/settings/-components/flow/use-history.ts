import { useCallback, useReducer } from 'react';

/*
 * Undo and redo over whole snapshots of the graph: the graph is small (≤ 500 nodes) and every
 * change (a field, an edge, a move) is one new snapshot, so undo is a pointer move, not an
 * inverse of each operation. Typing in one field coalesces into one step.
 */

interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** The field the last change typed into: a next change to it joins that step. */
  lastKey: string | null;
}

/** A new value, or how to make it from the present (event handlers may hold an old one). */
export type Update<T> = T | ((present: T) => T);
const apply = <T>(u: Update<T>, present: T): T =>
  typeof u === 'function' ? (u as (p: T) => T)(present) : u;

type Action<T> =
  | { type: 'set'; next: Update<T>; key?: string }
  /** Replaces the present without a step (a node being dragged; the drag's start made one). */
  | { type: 'replace'; next: Update<T> }
  | { type: 'checkpoint' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; next: T };

const LIMIT = 200;

function reducer<T>(h: History<T>, a: Action<T>): History<T> {
  switch (a.type) {
    case 'set': {
      const next = apply(a.next, h.present);
      if (next === h.present) return h;
      if (a.key && a.key === h.lastKey) return { ...h, present: next };
      return {
        past: [...h.past, h.present].slice(-LIMIT),
        present: next,
        future: [],
        lastKey: a.key ?? null,
      };
    }
    case 'replace':
      return { ...h, present: apply(a.next, h.present) };
    case 'checkpoint':
      return {
        past: [...h.past, h.present].slice(-LIMIT),
        present: h.present,
        future: [],
        lastKey: null,
      };
    case 'undo': {
      const previous = h.past.at(-1);
      if (previous === undefined) return h;
      return {
        past: h.past.slice(0, -1),
        present: previous,
        future: [h.present, ...h.future],
        lastKey: null,
      };
    }
    case 'redo': {
      const [next, ...rest] = h.future;
      if (next === undefined) return h;
      return { past: [...h.past, h.present], present: next, future: rest, lastKey: null };
    }
    case 'reset':
      return { past: [], present: a.next, future: [], lastKey: null };
  }
}

export function useHistory<T>(initial: () => T) {
  const [h, dispatch] = useReducer(reducer<T>, undefined, () => ({
    past: [],
    present: initial(),
    future: [],
    lastKey: null,
  }));
  return {
    present: h.present,
    canUndo: h.past.length > 0,
    canRedo: h.future.length > 0,
    set: useCallback((next: Update<T>, key?: string) => dispatch({ type: 'set', next, key }), []),
    replace: useCallback((next: Update<T>) => dispatch({ type: 'replace', next }), []),
    checkpoint: useCallback(() => dispatch({ type: 'checkpoint' }), []),
    undo: useCallback(() => dispatch({ type: 'undo' }), []),
    redo: useCallback(() => dispatch({ type: 'redo' }), []),
    reset: useCallback((next: T) => dispatch({ type: 'reset', next }), []),
  };
}
