import { SCOPE_DESCRIPTIONS, SCOPES, type Scope } from '@neuracraft/types';
import { useId } from 'react';

/** The scope that satisfies every other: it is shown as dangerous wherever it can be chosen. */
export const DANGEROUS_SCOPE: Scope = 'admin:all';

/** Scopes as small labels, `admin:all` marked. */
export function ScopeList({ scopes }: { scopes: readonly string[] }) {
  return (
    <ul className="scope-list" aria-label="Scopes">
      {scopes.map((scope) => (
        <li key={scope} className={`chip${scope === DANGEROUS_SCOPE ? ' chip-danger' : ''}`}>
          {scope}
        </li>
      ))}
    </ul>
  );
}

export interface ScopePickerProps {
  legend: string;
  value: readonly Scope[];
  onChange(scopes: Scope[]): void;
  /** Shown under the legend. */
  hint?: string;
  error?: string;
  /** What `admin:all` would give the credential, said when it is checked. */
  dangerNote: string;
}

/** A checkbox per scope of the spec, with its description; `admin:all` flagged as dangerous. */
export function ScopePicker({ legend, value, onChange, hint, error, dangerNote }: ScopePickerProps) {
  const id = useId();
  const toggle = (scope: Scope, on: boolean) =>
    onChange(SCOPES.filter((s) => (s === scope ? on : value.includes(s))));
  return (
    <fieldset
      className="field scope-picker"
      aria-describedby={`${hint ? `${id}-hint ` : ''}${error ? `${id}-error` : ''}`.trim() || undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <div className="scope-options">
        {SCOPES.map((scope) => {
          const danger = scope === DANGEROUS_SCOPE;
          const checked = value.includes(scope);
          return (
            <div key={scope} className={`scope-option${danger ? ' danger' : ''}${checked ? ' checked' : ''}`}>
              <input
                type="checkbox"
                id={`${id}-${scope}`}
                name="scopes"
                value={scope}
                checked={checked}
                onChange={(event) => toggle(scope, event.currentTarget.checked)}
                aria-describedby={`${id}-${scope}-desc`}
                aria-invalid={error ? true : undefined}
              />
              <label htmlFor={`${id}-${scope}`}>
                <span className="scope-name">
                  <code>{scope}</code>
                  {danger && <span className="badge badge-danger">Dangerous</span>}
                </span>
                <span id={`${id}-${scope}-desc`} className="scope-description">
                  {SCOPE_DESCRIPTIONS[scope]}
                </span>
              </label>
            </div>
          );
        })}
      </div>
      {value.includes(DANGEROUS_SCOPE) && (
        <p className="field-warning" role="status">
          {dangerNote}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
