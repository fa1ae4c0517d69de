import type { ReactNode } from 'react';
import { useApiAction } from '../lib/use-api-action';
import { ErrorAlert } from './alert';
import { Dialog } from './dialog';

/**
 * Asks before an action that cannot be undone (revoke a key, delete an app): Cancel has the focus,
 * the danger button runs `call`, and a refusal is shown in the dialog under `failureTitle`.
 */
export function ConfirmDialog({
  title,
  description,
  action,
  busyAction,
  failureTitle,
  call,
  onDone,
  onClose,
  children,
}: {
  title: string;
  description: string;
  /** The danger button's label, e.g. "Revoke key". */
  action: string;
  /** Its label while the call runs, e.g. "Revoking…". */
  busyAction: string;
  failureTitle: string;
  call: () => Promise<{ error?: unknown }>;
  onDone(): void;
  onClose(): void;
  children: ReactNode;
}) {
  const { busy, error, run } = useApiAction();
  return (
    <Dialog
      title={title}
      description={description}
      role="alertdialog"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button secondary" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button type="button" className="button danger" onClick={() => run(call, onDone)} disabled={busy}>
            {busy ? busyAction : action}
          </button>
        </>
      }
    >
      <ErrorAlert error={error} title={failureTitle} />
      {children}
    </Dialog>
  );
}
