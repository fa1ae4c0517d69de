import { useId, useState } from 'react';

const UNITS = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 } as const;
export type DurationUnit = keyof typeof UNITS;

export interface DurationInputProps {
  label: string;
  hint?: string;
  /** Seconds, or null while what is typed is not a whole number. */
  onChange(seconds: number | null): void;
  initial: { amount: number; unit: DurationUnit };
  units?: readonly DurationUnit[];
  error?: string;
}

/** A length of time as a number and a unit (`24` `hours`), given back in seconds. */
export function DurationInput({
  label,
  hint,
  onChange,
  initial,
  units = ['seconds', 'minutes', 'hours', 'days'],
  error,
}: DurationInputProps) {
  const id = useId();
  const [amount, setAmount] = useState(String(initial.amount));
  const [unit, setUnit] = useState<DurationUnit>(initial.unit);
  const update = (a: string, u: DurationUnit) => {
    setAmount(a);
    setUnit(u);
    onChange(/^\d+$/.test(a.trim()) ? Number(a) * UNITS[u] : null);
  };
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <div className="duration">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          value={amount}
          onChange={(event) => update(event.currentTarget.value, unit)}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
        />
        <select
          aria-label={`${label}: unit`}
          value={unit}
          onChange={(event) => update(amount, event.currentTarget.value as DurationUnit)}
        >
          {units.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
