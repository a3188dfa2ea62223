import { Fragment } from 'react';
import type { SnippetSegment } from '../../../search/protocol';

/**
 * Highlighted text from the index: every segment is a text node, matches inside `<mark>`. No
 * HTML is ever built from article text, so nothing in an article can inject markup here.
 */
export function Highlighted({ segments }: { segments: SnippetSegment[] }) {
  return (
    <>
      {segments.map((segment, i) =>
        segment.match ? (
          <mark key={i}>{segment.text}</mark>
        ) : (
          <Fragment key={i}>{segment.text}</Fragment>
        ),
      )}
    </>
  );
}
