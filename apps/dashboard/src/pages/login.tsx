import { useId, useState } from 'react';
import { Alert, ErrorAlert } from '../components/alert';
import { Logo } from '../components/logo';
import { useSession } from '../session';

/** Sign-in to the dashboard with email and password. */
export function LoginPage({ ended }: { ended: boolean }) {
  const id = useId();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      const failed = await signIn(email.trim(), password);
      if (failed) {
        setError(failed);
        setPassword('');
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <main className="login-card" aria-labelledby={`${id}-title`}>
        <div className="login-brand">
          <Logo />
          <span>NeuraCraft</span>
        </div>
        <h1 id={`${id}-title`} tabIndex={-1}>
          Sign in to the Dashboard
        </h1>
        <p className="muted">Manage API keys, OAuth apps and see what your credentials did.</p>
        {ended && !error && (
          <Alert tone="info" title="Your session has ended">
            Sign in again to continue where you were.
          </Alert>
        )}
        <ErrorAlert error={error} title="Could not sign in" />
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-email`}>Email</label>
            <input
              id={`${id}-email`}
              type="email"
              name="email"
              autoComplete="username"
              required
              // biome-ignore lint/a11y/noAutofocus: the page has one job, and this is where it starts.
              autoFocus
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              aria-invalid={missing && !email.trim() ? true : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>Password</label>
            <input
              id={`${id}-password`}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              aria-invalid={missing && !password ? true : undefined}
            />
          </div>
          {missing && (
            <p className="field-error" role="alert">
              Enter your email and password.
            </p>
          )}
          <button type="submit" className="button primary block" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="login-foot muted">
          No account? An operator creates one with <code>neuracraft users create</code>.
        </p>
      </main>
    </div>
  );
}
