import { useId } from 'react';
import './welcome.css';

/** What a new reader sees in the reader pane until the first subscription. */
export function WelcomePanel() {
  const id = useId();
  return (
    <div className="welcome" role="region" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Welcome to Broadsheet</h1>
      <p>
        Broadsheet keeps the news on your computer, so you can read without a connection. A starter
        article is waiting under <strong>Saved</strong>.
      </p>
      <ul className="welcome-steps">
        <li>
          <strong>Add feed</strong>: paste the address of a site or its feed to subscribe. New
          articles arrive by themselves, whole and with their images.
        </li>
        <li>
          <strong>Import</strong>: bring your subscriptions from another reader as an OPML file, or
          add text, Markdown and HTML files to Saved. You can also drop files on the window.
        </li>
        <li>
          <strong>Save URL</strong>: keep any web page to read later, offline.
        </li>
      </ul>
      <p className="welcome-note">
        Press <kbd>?</kbd> for keyboard shortcuts. Themes and text size are in Settings.
      </p>
    </div>
  );
}
