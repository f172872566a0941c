import '../styles/tables.css';

/**
 * A value that may be too long for its column (a name, an email, a key): cut with an
 * ellipsis so the table fits the screen, the whole of it in the tooltip (hover) and shown in
 * full, wrapped, while it has the focus, so a keyboard or touch user can read it too.
 */
export function TruncatedText({ text, className }: { text: string; className?: string }) {
  return (
    <span
      className={className ? `truncated ${className}` : 'truncated'}
      title={text}
      // Focusable so the full value can be reached without a mouse (see .truncated:focus).
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the only keyboard way to the full text
      tabIndex={0}
    >
      {text}
    </span>
  );
}
