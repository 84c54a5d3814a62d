/** The usage view's nav icon, drawn like lib/icons.tsx. */
export const UsageIcon = () => (
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
    <path d="M4 20h16M7 16.5V11M12 16.5V6M17 16.5v-3.5" />
  </svg>
);
