import { useId, useRef, useState, type ReactNode } from 'react';
import type { BackupEntry } from '@shared/backup-model';
import { formatBytes } from '@shared/format-bytes';
import { DEFAULT_SYNC_SETTINGS } from '@shared/sync-model';
import { backupDate } from '../../../lib/format';
import {
  cleanUpNow,
  DEFAULT_RETENTION,
  useFeedNames,
  useSetting,
  usePersistence,
  useStorageReport,
  type ReadMode,
  type RetentionSettings,
} from '../hooks/use-settings';
import { useAutomaticBackups, useBackup } from '../hooks/use-backup';
import { DesktopSettings } from './desktop-settings';
import { ReaderStyleFields } from './reader-style-fields';
import { ScrollReadField } from './scroll-read-field';
import { UpdatesSection } from './updates-section';
import { EpisodesSection } from './episodes-section';
import { LanguageSection } from './language-section';
import './settings.css';

const DAYS: [string, string][] = [
  ['7', 'One week'],
  ['30', 'One month'],
  ['90', 'Three months'],
  ['365', 'One year'],
  ['', 'Forever'],
];
const CAPS: [string, string][] = [
  ['200', '200'],
  ['1000', '1,000'],
  ['5000', '5,000'],
  ['', 'No limit'],
];
const INTERVALS: [string, string][] = [
  ['15', 'Every 15 minutes'],
  ['30', 'Every 30 minutes'],
  ['60', 'Every hour'],
  ['240', 'Every 4 hours'],
  ['1440', 'Once a day'],
];

const READ_MODES: [ReadMode, string][] = [
  ['open', 'As soon as I open them'],
  ['delay', 'After 3 seconds open'],
  ['manual', 'Only when I mark them (m)'],
];

const toNumber = (value: string): number | null => (value === '' ? null : Number(value));
const bytes = (n: number | undefined): string => (n === undefined ? '—' : formatBytes(n));

interface Props {
  /**
   * Further settings sections owned by other features (search index, bookmarks…), composed by
   * the app shell; each is a `<section>` with its own heading.
   */
  sections?: ReactNode;
}

export function SettingsButton({ sections }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const id = useId();
  const [sync, saveSync] = useSetting('sync');
  const [retention, saveRetention] = useSetting('retention');
  const [reading, saveReading] = useSetting('reading');
  const [readState, saveReadState] = useSetting('readState');
  const backup = useBackup();
  const restoreInput = useRef<HTMLInputElement>(null);
  /** What Restore… or an automatic backup's Restore asks to confirm, and how it is named. */
  const [pendingRestore, setPendingRestore] = useState<{
    name: string;
    from: File | BackupEntry;
  }>();
  const [backupsSetting, saveBackupsSetting] = useSetting('backups');
  const automatic = useAutomaticBackups(open);
  const persistence = usePersistence();
  const report = useStorageReport(open);
  const names = useFeedNames();
  const [cleaned, setCleaned] = useState<string>();
  const keep: RetentionSettings = retention ?? DEFAULT_RETENTION;

  const select = (
    label: string,
    value: string,
    options: [string, string][],
    onChange: (v: string) => void,
  ) => (
    <>
      <label htmlFor={`${id}-${label.replace(/\s+/g, '-')}`}>{label}</label>
      <select
        id={`${id}-${label.replace(/\s+/g, '-')}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </>
  );

  return (
    <>
      <button
        type="button"
        className="button button-small"
        onClick={() => {
          setOpen(true);
          setCleaned(undefined);
          dialogRef.current?.showModal();
        }}
      >
        Settings
      </button>
      <dialog
        ref={dialogRef}
        className="dialog dialog-wide"
        aria-labelledby={`${id}-title`}
        onClose={() => setOpen(false)}
      >
        <h2 id={`${id}-title`}>Settings</h2>
        <LanguageSection />
        <section aria-labelledby={`${id}-reading`}>
          <h3 id={`${id}-reading`}>Reading</h3>
          <ReaderStyleFields />
          <div className="settings-field">
            {select('Mark articles as read', readState?.mode ?? 'open', READ_MODES, (v) =>
              saveReadState({ mode: v as ReadMode }),
            )}
          </div>
          <ScrollReadField />
        </section>
        <section aria-labelledby={`${id}-sync`}>
          <h3 id={`${id}-sync`}>Refreshing</h3>
          {select(
            'Refresh feeds',
            String((sync ?? DEFAULT_SYNC_SETTINGS).intervalMinutes),
            INTERVALS,
            (v) => saveSync({ intervalMinutes: Number(v) }),
          )}
          {select(
            'Whole articles',
            reading?.fullTextDefault ?? 'auto',
            [
              ['auto', 'Fetch when a feed gives only a summary'],
              ['always', 'Always fetch the whole article'],
              ['never', 'Never fetch; keep what the feed gives'],
            ],
            (v) => saveReading({ fullTextDefault: v as 'auto' | 'always' | 'never' }),
          )}
        </section>
        <DesktopSettings />
        <section aria-labelledby={`${id}-keep`}>
          <h3 id={`${id}-keep`}>Keeping articles</h3>
          <p className="dialog-subtitle">Bookmarked and saved articles are always kept.</p>
          {select(
            'Keep read articles for',
            keep.keepReadDays === null ? '' : String(keep.keepReadDays),
            DAYS,
            (v) => saveRetention({ keepReadDays: toNumber(v) }),
          )}
          {select(
            'Keep unread articles for',
            keep.keepUnreadDays === null ? '' : String(keep.keepUnreadDays),
            DAYS,
            (v) => saveRetention({ keepUnreadDays: toNumber(v) }),
          )}
          {select(
            'Articles kept per feed',
            keep.maxPerFeed === null ? '' : String(keep.maxPerFeed),
            CAPS,
            (v) => saveRetention({ maxPerFeed: toNumber(v) }),
          )}
          <div className="dialog-actions dialog-actions-start">
            <button
              type="button"
              className="button"
              onClick={() =>
                void cleanUpNow().then((n) =>
                  setCleaned(`Removed ${n} ${n === 1 ? 'article' : 'articles'}.`),
                )
              }
            >
              Clean up now
            </button>
            <span role="status">{cleaned}</span>
          </div>
        </section>
        <EpisodesSection />
        <section aria-labelledby={`${id}-storage`}>
          <h3 id={`${id}-storage`}>Storage</h3>
          {report ? (
            <>
              <p>
                Your library uses {bytes(report.totalBytes)}
                {report.quota
                  ? ` (${bytes(report.usage)} of ${bytes(report.quota)} available to Broadsheet)`
                  : ''}
                .{' '}
                {(persistence.granted ?? report.persisted)
                  ? 'It is stored persistently.'
                  : 'The browser has not agreed to keep it: it may clear it if the disk runs low.'}
              </p>
              {!(persistence.granted ?? report.persisted) && (
                <div className="dialog-actions dialog-actions-start">
                  <button
                    type="button"
                    className="button"
                    disabled={persistence.asking}
                    onClick={() => void persistence.askAgain()}
                  >
                    Ask again to keep the library
                  </button>
                </div>
              )}
              {persistence.answer && <p role="status">{persistence.answer}</p>}
              <table className="storage-table">
                <caption className="visually-hidden">Storage used per source</caption>
                <thead>
                  <tr>
                    <th scope="col">Source</th>
                    <th scope="col">Articles</th>
                    <th scope="col">Size</th>
                  </tr>
                </thead>
                <tbody>
                  {report.perFeed.map((entry) => (
                    <tr key={entry.feedId}>
                      <th scope="row">
                        {entry.feedId === 'saved'
                          ? 'Saved'
                          : (names.get(entry.feedId) ?? 'Unsubscribed feed')}
                      </th>
                      <td>{entry.articles}</td>
                      <td>{bytes(entry.bytes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p role="status">Measuring…</p>
          )}
        </section>
        {sections}
        <UpdatesSection />
        <section aria-labelledby={`${id}-backup`}>
          <h3 id={`${id}-backup`}>Backup</h3>
          <p className="dialog-subtitle">
            One file with every feed, article, bookmark, setting and saved image.
          </p>
          <div className="dialog-actions dialog-actions-start">
            <button
              type="button"
              className="button"
              disabled={backup.state.kind === 'working'}
              onClick={() => void backup.backUp()}
            >
              Back up library
            </button>
            <button
              type="button"
              className="button"
              disabled={backup.state.kind === 'working'}
              onClick={() => restoreInput.current?.click()}
            >
              Restore…
            </button>
            <input
              ref={restoreInput}
              type="file"
              accept=".json,application/json"
              aria-label="Backup file to restore"
              hidden
              onChange={(e) => {
                const file = e.target.files?.[0];
                setPendingRestore(file && { name: `“${file.name}”`, from: file });
                e.target.value = '';
              }}
            />
          </div>
          {pendingRestore && (
            <div
              className="restore-confirm"
              role="group"
              aria-labelledby={`${id}-restore-question`}
            >
              <p id={`${id}-restore-question`}>
                Replace your whole library with {pendingRestore.name}? Everything stored now is
                removed.
              </p>
              <div className="dialog-actions dialog-actions-start">
                <button
                  type="button"
                  className="button button-danger"
                  onClick={() => {
                    const { from } = pendingRestore;
                    setPendingRestore(undefined);
                    void backup.restore(from);
                  }}
                >
                  Replace library
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => setPendingRestore(undefined)}
                >
                  Cancel
                </button>
              </div>
            </div>
          )}
          <p
            role="status"
            className={backup.state.kind === 'failed' ? 'form-error' : 'form-status'}
          >
            {backup.state.kind === 'idle' ? '' : backup.state.message}
          </p>
          <h4 id={`${id}-automatic`}>Automatic backups</h4>
          <p className="dialog-subtitle">
            Broadsheet keeps a backup of your library in its data folder every day and before every
            upgrade of the library, the newest 7.
          </p>
          <label className="settings-check">
            <input
              type="checkbox"
              checked={backupsSetting?.includeImages ?? false}
              onChange={(e) => saveBackupsSetting({ includeImages: e.target.checked })}
            />
            Include saved images in automatic backups
          </label>
          {automatic.off && <p>Automatic backups are switched off for this Broadsheet.</p>}
          {automatic.error && <p className="form-error">{automatic.error}</p>}
          {automatic.backups && automatic.backups.length === 0 && <p>No automatic backup yet.</p>}
          {automatic.backups && automatic.backups.length > 0 && (
            <table className="storage-table" aria-labelledby={`${id}-automatic`}>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Articles</th>
                  <th scope="col">Size</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {automatic.backups.map((entry) => (
                  <tr key={entry.id}>
                    <th scope="row">{backupDate(entry.createdAt)}</th>
                    <td>
                      {entry.reason === 'daily'
                        ? 'Daily'
                        : `Before upgrade from version ${entry.fromVersion ?? '?'}`}
                      {entry.images ? ', with images' : ''}
                    </td>
                    <td>{entry.articles.toLocaleString('en')}</td>
                    <td>{bytes(entry.size)}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Restore the backup of ${backupDate(entry.createdAt)}`}
                        disabled={backup.state.kind === 'working'}
                        onClick={() =>
                          setPendingRestore({
                            name: `the automatic backup of ${backupDate(entry.createdAt)}${entry.images ? '' : ' (it holds no images: those saved here stay, the others are fetched again)'}`,
                            from: entry,
                          })
                        }
                      >
                        Restore
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <form method="dialog" className="dialog-actions">
          <button type="submit" className="button button-primary">
            Done
          </button>
        </form>
      </dialog>
    </>
  );
}
