import { type ReactNode, useEffect, useId, useRef } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  /** A sentence under the title, read out with it. */
  description?: ReactNode;
  children?: ReactNode;
  /** The buttons at the bottom, primary last. */
  footer?: ReactNode;
  /** Escape and a click on the backdrop call it — unless `dismissible` is false. */
  onClose(): void;
  /** Default `true`. A dialog showing a secret that will not come back is closed by its button only. */
  dismissible?: boolean;
  /** `alertdialog` for a confirmation of something that cannot be undone. */
  role?: 'dialog' | 'alertdialog';
  /** A form dialog: the footer's submit button submits it. */
  onSubmit?(): void;
  size?: 'normal' | 'wide';
}

/**
 * A modal dialog on the native `<dialog>`: the page behind it is inert, Tab and Shift+Tab cycle
 * through the dialog only, the first field (or `autoFocus` element) takes focus when it opens, and
 * focus goes back to whatever had it once it closes.
 */
export function Dialog({
  title,
  description,
  children,
  footer,
  onClose,
  dismissible = true,
  role = 'dialog',
  onSubmit,
  size = 'normal',
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const close = useRef(onClose);
  close.current = onClose;
  const unmounting = useRef(false);

  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const first =
      dialog.querySelector<HTMLElement>('[autofocus], [data-autofocus]') ??
      dialog.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    unmounting.current = false;
    return () => {
      unmounting.current = true;
      dialog.close();
      // The opener may be gone (a revoked key loses its buttons): then the page's heading takes focus.
      const back = opener?.isConnected ? opener : document.querySelector<HTMLElement>('main h1');
      back?.focus();
    };
  }, []);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === 'Escape') {
      // Handled here rather than left to the browser, which may close a modal despite its `cancel` handler.
      event.preventDefault();
      if (dismissible) {
        close.current();
      }
      return;
    }
    if (event.key !== 'Tab') {
      return;
    }
    const items = [...ref.current!.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => el.offsetParent !== null,
    );
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) {
      return;
    }
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const body = (
    <>
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        {description && (
          <p id={descriptionId} className="dialog-description">
            {description}
          </p>
        )}
      </header>
      {children && <div className="dialog-body">{children}</div>}
      {footer && <footer className="dialog-footer">{footer}</footer>}
    </>
  );

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}`}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      aria-modal="true"
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        if (dismissible) {
          close.current();
        }
      }}
      onClose={() => {
        // Closed by the browser, not by us: a dialog that must stay (a secret shown once) opens again.
        if (!unmounting.current) {
          if (dismissible) {
            close.current();
          } else {
            ref.current?.showModal();
          }
        }
      }}
      onClick={(event) => {
        if (dismissible && event.target === ref.current) {
          close.current();
        }
      }}
    >
      {onSubmit ? (
        <form
          className="dialog-inner"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            onSubmit();
          }}
        >
          {body}
        </form>
      ) : (
        <div className="dialog-inner">{body}</div>
      )}
    </dialog>
  );
}
