/** The way back up when only one pane fits: to the article list, or to the sources. */
export function BackButton({ to, onClick }: { to: 'sources' | 'articles'; onClick: () => void }) {
  const name = to === 'sources' ? 'Sources' : 'Articles';
  return (
    <div className="pane-nav">
      <button
        type="button"
        className="button button-small pane-back"
        aria-label={`Back to ${name.toLowerCase()}`}
        data-pane-back
        onClick={onClick}
      >
        <span aria-hidden="true">‹</span> {name}
      </button>
    </div>
  );
}
