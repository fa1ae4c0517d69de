/** The NeuraCraft mark: three linked nodes of a pipeline. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#4f46e5" />
      <path
        d="M9 22 16 10l7 12"
        fill="none"
        stroke="#c7d2fe"
        strokeWidth="2.2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <circle cx="9" cy="22" r="3" fill="#fff" />
      <circle cx="16" cy="10" r="3" fill="#fff" />
      <circle cx="23" cy="22" r="3" fill="#fff" />
    </svg>
  );
}
