import { isNeuraCraftError } from '@neuracraft/client';
import type { ReactNode } from 'react';

/** What to tell a person about an error the API answered (or a failed request). */
export function describeError(error: unknown): { message: string; detail?: string } {
  if (isNeuraCraftError(error)) {
    const detail = [error.code, error.requestId && `request ${error.requestId}`].filter(Boolean).join(' · ');
    if (error.code === 'rate_limited') {
      const retry = Number(error.response?.headers.get('Retry-After'));
      if (!Number.isFinite(retry) || retry <= 0) {
        return { message: error.description, detail };
      }
      const wait =
        retry < 60
          ? `${retry} second${retry === 1 ? '' : 's'}`
          : `${Math.ceil(retry / 60)} minute${retry > 60 ? 's' : ''}`;
      return { message: `Too many attempts. Try again in ${wait}.`, detail };
    }
    if (error.code === 'invalid_request' && error.issues?.length) {
      return { message: `${error.description} ${error.issues.map((i) => i.message).join('; ')}`, detail };
    }
    return { message: error.description, detail };
  }
  if (error instanceof TypeError) {
    return { message: 'Could not reach the NeuraCraft API. Check your connection and try again.' };
  }
  return { message: error instanceof Error ? error.message : 'Something went wrong.' };
}

/** An error (role `alert`, read out at once) or a notice (role `status`). */
export function Alert({
  tone = 'error',
  title,
  children,
}: {
  tone?: 'error' | 'info' | 'warning' | 'success';
  title?: string;
  children: ReactNode;
}) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span className="alert-icon" aria-hidden="true">
        {tone === 'error' ? '!' : tone === 'warning' ? '!' : tone === 'success' ? '✓' : 'i'}
      </span>
      <div>
        {title && <p className="alert-title">{title}</p>}
        <div className="alert-text">{children}</div>
      </div>
    </div>
  );
}

/** An API error as an alert, or nothing. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) {
    return null;
  }
  const { message, detail } = describeError(error);
  return (
    <Alert tone="error" title={title}>
      {message}
      {detail && <span className="alert-detail">{detail}</span>}
    </Alert>
  );
}
