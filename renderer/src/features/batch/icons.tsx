/** The batch view's nav icon, drawn like lib/icons.tsx. */
export const BatchIcon = () => (
  <svg
    className="icon"
    width={16}
    height={16}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth={1.75}
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    <rect x="4" y="4" width="16" height="5" rx="1.5" />
    <rect x="4" y="12" width="16" height="8" rx="1.5" />
    <path d="M8 16h8" />
  </svg>
);
