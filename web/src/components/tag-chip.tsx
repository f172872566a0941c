import type { RouterOutputs } from '../lib/trpc';
import '../styles/console.css';

export type TagRow = RouterOutputs['tags']['list']['data'][number];

/** A tag as a small labelled chip with its colour. */
export function TagChip({ name, color }: { name: string; color: string | null }) {
  return (
    <span className="tag-chip">
      <span className="tag-dot" style={color ? { background: color } : undefined} aria-hidden />
      {name}
    </span>
  );
}
