import type { MessageId } from '../../../i18n/catalogue';
import { useT } from '../../../i18n/use-t';
import type { BackupProgress } from '../hooks/use-backup';

const STEP: Record<BackupProgress['phase'], MessageId> = {
  backUp: 'settings.backup.progress.backingUp',
  read: 'settings.backup.progress.reading',
  write: 'settings.backup.progress.writing',
};

/**
 * How far a backup or a restore is, in rows: a large library takes minutes, and a bare
 * "Restoring…" would look stuck. A restore has two steps (reading the file, then replacing the
 * library), each counted from zero; the text says which.
 */
export function BackupProgressBar({
  task,
  progress,
}: {
  task: 'backUp' | 'restore';
  progress: BackupProgress;
}) {
  const t = useT();
  const total = Math.max(progress.total, 0);
  const done = Math.min(Math.max(progress.done, 0), total);
  const text = t(STEP[progress.phase], { done: t.number(done), total: t.number(total) });
  const percent = total > 0 ? (done / total) * 100 : 0;
  return (
    <div className="backup-progress">
      <div
        role="progressbar"
        className="backup-progress-track"
        aria-label={t(
          task === 'backUp'
            ? 'settings.backup.progress.backUp'
            : 'settings.backup.progress.restore',
        )}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={text}
      >
        <div className="backup-progress-fill" style={{ inlineSize: `${percent}%` }} />
      </div>
      <span aria-hidden="true">{text}</span>
    </div>
  );
}
