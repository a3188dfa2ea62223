import { Component, type ErrorInfo, type ReactNode } from 'react';
import { errorText } from '../i18n/localized-error';
import { useT } from '../i18n/use-t';

interface State {
  error?: Error;
}

/** A broken view must never leave a white window: say what happened and offer a way out. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Broadsheet view crashed', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return <CrashNotice error={this.state.error} />;
  }
}

/** What a crashed view leaves: a function component, as only those may speak (useT). */
function CrashNotice({ error }: { error: Error }) {
  const t = useT();
  return (
    <main className="crash" role="alert">
      <h1>{t('app.crash.title')}</h1>
      <p>{t('app.crash.body')}</p>
      <pre>{errorText(error, t)}</pre>
      <button
        type="button"
        className="button button-primary"
        onClick={() => window.location.reload()}
      >
        {t('app.crash.reload')}
      </button>
    </main>
  );
}
