import { useId, useRef, useState, type ReactNode } from 'react';
import { KEEP_AUTOMATIC_BACKUPS, type BackupEntry } from '@shared/backup-model';
import { DEFAULT_SYNC_SETTINGS } from '@shared/sync-model';
import type { MessageId } from '../../../i18n/catalogue';
import { useT } from '../../../i18n/use-t';
import { whenClosed } from '../../../lib/dialog-closed';
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
import {
  automaticErrorText,
  backupStateText,
  useAutomaticBackups,
  useBackup,
} from '../hooks/use-backup';
import { BackupProgressBar } from './backup-progress-bar';
import { DesktopSettings } from './desktop-settings';
import { ReaderStyleFields } from './reader-style-fields';
import { ScrollReadField } from './scroll-read-field';
import { UpdatesSection } from './updates-section';
import { EpisodesSection } from './episodes-section';
import { LanguageSection } from './language-section';
import './settings.css';

const DAYS: [string, MessageId][] = [
  ['7', 'settings.keep.oneWeek'],
  ['30', 'settings.keep.oneMonth'],
  ['90', 'settings.keep.threeMonths'],
  ['365', 'settings.keep.oneYear'],
  ['', 'settings.keep.forever'],
];
/** Articles kept per feed; '' is no limit. The numbers are written in the reader's language. */
const CAPS = ['200', '1000', '5000', ''];
const INTERVALS: [string, MessageId][] = [
  ['15', 'settings.refresh.every15Minutes'],
  ['30', 'settings.refresh.every30Minutes'],
  ['60', 'settings.refresh.everyHour'],
  ['240', 'settings.refresh.every4Hours'],
  ['1440', 'settings.refresh.onceADay'],
];
const FULL_TEXT: [string, MessageId][] = [
  ['auto', 'settings.refresh.fullTextAuto'],
  ['always', 'settings.refresh.fullTextAlways'],
  ['never', 'settings.refresh.fullTextNever'],
];

const READ_MODES: [ReadMode, MessageId][] = [
  ['open', 'settings.reading.markReadOpen'],
  ['delay', 'settings.reading.markReadDelay'],
  ['manual', 'settings.reading.markReadManual'],
];

const toNumber = (value: string): number | null => (value === '' ? null : Number(value));

/** What Restore… or an automatic backup's Restore asks to confirm. */
type PendingRestore = { kind: 'file'; file: File } | { kind: 'automatic'; entry: BackupEntry };

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
  const t = useT();
  const id = useId();
  const [sync, saveSync] = useSetting('sync');
  const [retention, saveRetention] = useSetting('retention');
  const [reading, saveReading] = useSetting('reading');
  const [readState, saveReadState] = useSetting('readState');
  const backup = useBackup();
  const restoreInput = useRef<HTMLInputElement>(null);
  const [pendingRestore, setPendingRestore] = useState<PendingRestore>();
  const [backupsSetting, saveBackupsSetting] = useSetting('backups');
  const automatic = useAutomaticBackups(open);
  const persistence = usePersistence();
  const report = useStorageReport(open);
  const names = useFeedNames();
  const [cleaned, setCleaned] = useState<number>();
  const keep: RetentionSettings = retention ?? DEFAULT_RETENTION;
  const bytes = (n: number | undefined): string => (n === undefined ? '—' : t.bytes(n));
  const named = (table: [string, MessageId][]): [string, string][] =>
    table.map(([value, label]) => [value, t(label)]);
  const caps: [string, string][] = CAPS.map((value) => [
    value,
    value === '' ? t('settings.keep.noLimit') : t.number(Number(value)),
  ]);
  const persisted = persistence.granted ?? report?.persisted;

  /** `key` names the control's id: its label changes with the interface language. */
  const select = (
    key: string,
    label: string,
    value: string,
    options: [string, string][],
    onChange: (v: string) => void,
  ) => (
    <>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={value} onChange={(e) => onChange(e.target.value)}>
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
        {t('settings.dialog.open')}
      </button>
      <dialog
        ref={dialogRef}
        className="dialog dialog-wide"
        aria-labelledby={`${id}-title`}
        onClose={whenClosed(() => setOpen(false))}
      >
        <h2 id={`${id}-title`}>{t('settings.dialog.title')}</h2>
        <LanguageSection />
        <section aria-labelledby={`${id}-reading`}>
          <h3 id={`${id}-reading`}>{t('settings.reading.heading')}</h3>
          <ReaderStyleFields />
          <div className="settings-field">
            {select(
              'read-mode',
              t('settings.reading.markRead'),
              readState?.mode ?? 'open',
              named(READ_MODES),
              (v) => saveReadState({ mode: v as ReadMode }),
            )}
          </div>
          <ScrollReadField />
        </section>
        <section aria-labelledby={`${id}-sync`}>
          <h3 id={`${id}-sync`}>{t('settings.refresh.heading')}</h3>
          {select(
            'interval',
            t('settings.refresh.interval'),
            String((sync ?? DEFAULT_SYNC_SETTINGS).intervalMinutes),
            named(INTERVALS),
            (v) => saveSync({ intervalMinutes: Number(v) }),
          )}
          {select(
            'full-text',
            t('settings.refresh.fullText'),
            reading?.fullTextDefault ?? 'auto',
            named(FULL_TEXT),
            (v) => saveReading({ fullTextDefault: v as 'auto' | 'always' | 'never' }),
          )}
        </section>
        <DesktopSettings />
        <section aria-labelledby={`${id}-keep`}>
          <h3 id={`${id}-keep`}>{t('settings.keep.heading')}</h3>
          <p className="dialog-subtitle">{t('settings.keep.intro')}</p>
          {select(
            'keep-read',
            t('settings.keep.readFor'),
            keep.keepReadDays === null ? '' : String(keep.keepReadDays),
            named(DAYS),
            (v) => saveRetention({ keepReadDays: toNumber(v) }),
          )}
          {select(
            'keep-unread',
            t('settings.keep.unreadFor'),
            keep.keepUnreadDays === null ? '' : String(keep.keepUnreadDays),
            named(DAYS),
            (v) => saveRetention({ keepUnreadDays: toNumber(v) }),
          )}
          {select(
            'per-feed',
            t('settings.keep.perFeed'),
            keep.maxPerFeed === null ? '' : String(keep.maxPerFeed),
            caps,
            (v) => saveRetention({ maxPerFeed: toNumber(v) }),
          )}
          <div className="dialog-actions dialog-actions-start">
            <button
              type="button"
              className="button"
              onClick={() => void cleanUpNow().then(setCleaned)}
            >
              {t('settings.keep.cleanUp')}
            </button>
            <span role="status">
              {cleaned === undefined ? '' : t('settings.keep.removed', { count: cleaned })}
            </span>
          </div>
        </section>
        <EpisodesSection />
        <section aria-labelledby={`${id}-storage`}>
          <h3 id={`${id}-storage`}>{t('settings.storage.heading')}</h3>
          {report ? (
            <>
              <p>
                {report.quota
                  ? t('settings.storage.usesOfQuota', {
                      total: bytes(report.totalBytes),
                      usage: bytes(report.usage),
                      quota: bytes(report.quota),
                      persisted: persisted ? 'yes' : 'no',
                    })
                  : t('settings.storage.uses', {
                      total: bytes(report.totalBytes),
                      persisted: persisted ? 'yes' : 'no',
                    })}
              </p>
              {!persisted && (
                <div className="dialog-actions dialog-actions-start">
                  <button
                    type="button"
                    className="button"
                    disabled={persistence.asking}
                    onClick={() => void persistence.askAgain()}
                  >
                    {t('settings.storage.askAgain')}
                  </button>
                </div>
              )}
              {persistence.answer && <p role="status">{t(persistence.answer)}</p>}
              <table className="storage-table">
                <caption className="visually-hidden">{t('settings.storage.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('settings.storage.source')}</th>
                    <th scope="col">{t('settings.storage.articles')}</th>
                    <th scope="col">{t('settings.storage.size')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.perFeed.map((entry) => (
                    <tr key={entry.feedId}>
                      <th scope="row">
                        {entry.feedId === 'saved'
                          ? t('settings.storage.saved')
                          : (names.get(entry.feedId) ?? t('settings.storage.unsubscribed'))}
                      </th>
                      <td>{t.number(entry.articles)}</td>
                      <td>{bytes(entry.bytes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p role="status">{t('settings.storage.measuring')}</p>
          )}
        </section>
        {sections}
        <UpdatesSection />
        <section aria-labelledby={`${id}-backup`}>
          <h3 id={`${id}-backup`}>{t('settings.backup.heading')}</h3>
          <p className="dialog-subtitle">{t('settings.backup.intro')}</p>
          <div className="dialog-actions dialog-actions-start">
            <button
              type="button"
              className="button"
              disabled={backup.state.kind === 'working'}
              onClick={() => void backup.backUp()}
            >
              {t('settings.backup.backUp')}
            </button>
            <button
              type="button"
              className="button"
              disabled={backup.state.kind === 'working'}
              onClick={() => restoreInput.current?.click()}
            >
              {t('settings.backup.restoreFile')}
            </button>
            <input
              ref={restoreInput}
              type="file"
              accept=".json,application/json"
              aria-label={t('settings.backup.fileLabel')}
              hidden
              onChange={(e) => {
                const file = e.target.files?.[0];
                setPendingRestore(file && { kind: 'file', file });
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
                {pendingRestore.kind === 'file'
                  ? t('settings.backup.confirmFile', { file: pendingRestore.file.name })
                  : t(
                      pendingRestore.entry.images
                        ? 'settings.backup.confirmAutomatic'
                        : 'settings.backup.confirmAutomaticNoImages',
                      { date: t.dateTime(pendingRestore.entry.createdAt) },
                    )}
              </p>
              <div className="dialog-actions dialog-actions-start">
                <button
                  type="button"
                  className="button button-danger"
                  onClick={() => {
                    const chosen = pendingRestore;
                    setPendingRestore(undefined);
                    void backup.restore(chosen.kind === 'file' ? chosen.file : chosen.entry);
                  }}
                >
                  {t('settings.backup.replace')}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => setPendingRestore(undefined)}
                >
                  {t('settings.backup.cancel')}
                </button>
              </div>
            </div>
          )}
          {backup.state.kind === 'working' && backup.state.progress && (
            <BackupProgressBar task={backup.state.task} progress={backup.state.progress} />
          )}
          <p
            role="status"
            className={backup.state.kind === 'failed' ? 'form-error' : 'form-status'}
          >
            {backupStateText(backup.state, t)}
          </p>
          <h4 id={`${id}-automatic`}>{t('settings.backup.automaticHeading')}</h4>
          <p className="dialog-subtitle">
            {t('settings.backup.automaticIntro', { count: KEEP_AUTOMATIC_BACKUPS })}
          </p>
          <label className="settings-check">
            <input
              type="checkbox"
              checked={backupsSetting?.includeImages ?? false}
              onChange={(e) => saveBackupsSetting({ includeImages: e.target.checked })}
            />
            {t('settings.backup.includeImages')}
          </label>
          {automatic.off && <p>{t('settings.backup.off')}</p>}
          {automatic.error && (
            <p className="form-error">{automaticErrorText(automatic.error, t)}</p>
          )}
          {automatic.backups && automatic.backups.length === 0 && (
            <p>{t('settings.backup.none')}</p>
          )}
          {automatic.backups && automatic.backups.length > 0 && (
            <table className="storage-table" aria-labelledby={`${id}-automatic`}>
              <thead>
                <tr>
                  <th scope="col">{t('settings.backup.date')}</th>
                  <th scope="col">{t('settings.backup.reason')}</th>
                  <th scope="col">{t('settings.backup.articles')}</th>
                  <th scope="col">{t('settings.backup.size')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('settings.backup.action')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {automatic.backups.map((entry) => (
                  <tr key={entry.id}>
                    <th scope="row">{t.dateTime(entry.createdAt)}</th>
                    <td>
                      {entry.reason === 'daily'
                        ? t(
                            entry.images
                              ? 'settings.backup.dailyWithImages'
                              : 'settings.backup.daily',
                          )
                        : t(
                            entry.images
                              ? 'settings.backup.beforeUpgradeWithImages'
                              : 'settings.backup.beforeUpgrade',
                            { version: entry.fromVersion ?? '?' },
                          )}
                    </td>
                    <td>{t.number(entry.articles)}</td>
                    <td>{bytes(entry.size)}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('settings.backup.restoreOneLabel', {
                          date: t.dateTime(entry.createdAt),
                        })}
                        disabled={backup.state.kind === 'working'}
                        onClick={() => setPendingRestore({ kind: 'automatic', entry })}
                      >
                        {t('settings.backup.restoreOne')}
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
            {t('settings.dialog.done')}
          </button>
        </form>
      </dialog>
    </>
  );
}
