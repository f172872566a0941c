interface SectionHeaderProps {
  title: string;
  /** The create button's text ("New chatbot"). */
  newLabel: string;
  onNew: () => void;
}

/** A settings or catalog list's heading, with the button that creates one more item. */
export function SectionHeader({ title, newLabel, onNew }: SectionHeaderProps) {
  return (
    <div className="section-header">
      <h2>{title}</h2>
      <button type="button" className="button button-primary" onClick={onNew}>
        {newLabel}
      </button>
    </div>
  );
}
