/** The name field of a create dialog: labelled, focused first, its error announced with it. */
export function NameField({
  id,
  value,
  placeholder,
  error,
  onChange,
}: {
  /** Prefix of the input's id (the dialog's `useId()`). */
  id: string;
  value: string;
  placeholder: string;
  /** The message to show under the field, if any. */
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={`${id}-name`}>Name</label>
      <input
        id={`${id}-name`}
        value={value}
        maxLength={200}
        autoComplete="off"
        data-autofocus
        placeholder={placeholder}
        onChange={(event) => onChange(event.currentTarget.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-name-error` : undefined}
      />
      {error && (
        <p id={`${id}-name-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
