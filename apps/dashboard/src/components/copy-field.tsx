import { useEffect, useId, useRef, useState } from 'react';

/** Copies `text`; the Clipboard API where the page may use it, else the selection and `execCommand`. */
async function copy(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return document.execCommand('copy');
  }
}

export interface CopyFieldProps {
  label: string;
  value: string;
  /** Marks the value as secret: shown once, for the user to store. */
  secret?: boolean;
}

/** A read-only value with a Copy button that says when it has copied. */
export function CopyField({ label, value, secret = false }: CopyFieldProps) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  useEffect(() => {
    if (copied === null) {
      return;
    }
    const timer = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input
          ref={field}
          id={id}
          className={`mono${secret ? ' secret' : ''}`}
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
          data-secret={secret || undefined}
        />
        <button
          type="button"
          className="button secondary"
          aria-label={`Copy ${label}`}
          onClick={async () => setCopied((await copy(value, field.current)) ? 'yes' : 'no')}
        >
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="copy-status" role="status" aria-live="polite">
        {copied === 'yes'
          ? `${label} copied to the clipboard.`
          : copied === 'no'
            ? 'Could not copy: select the text and copy it by hand.'
            : ''}
      </p>
    </div>
  );
}
