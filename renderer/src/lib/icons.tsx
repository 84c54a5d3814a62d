/**
 * The handful of line icons the UI uses, drawn inline so nothing is fetched (strict CSP) and
 * they take the text colour. All are decorative: the control next to them carries the name.
 */
import type { ReactNode } from 'react';

function Icon({ children, size = 16 }: { children: ReactNode; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const LibraryIcon = () => (
  <Icon>
    <rect x="3" y="3" width="7" height="7" rx="1.5" />
    <rect x="14" y="3" width="7" height="7" rx="1.5" />
    <rect x="3" y="14" width="7" height="7" rx="1.5" />
    <rect x="14" y="14" width="7" height="7" rx="1.5" />
  </Icon>
);

export const SettingsIcon = () => (
  <Icon>
    <path d="M4 7h10M18 7h2M4 17h2M10 17h10" />
    <circle cx="16" cy="7" r="2" />
    <circle cx="8" cy="17" r="2" />
  </Icon>
);

export const KeyIcon = ({ size }: { size?: number }) => (
  <Icon size={size}>
    <circle cx="8" cy="15" r="4" />
    <path d="M10.85 12.15 19 4M17 6l2 2M14.5 8.5l2 2" />
  </Icon>
);

export const CloseIcon = () => (
  <Icon>
    <path d="M6 6l12 12M18 6L6 18" />
  </Icon>
);

export const CheckIcon = () => (
  <Icon size={14}>
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </Icon>
);

export const AlertIcon = () => (
  <Icon size={14}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7.5v5.5M12 16.5v.01" />
  </Icon>
);

export const SparkIcon = () => (
  <Icon size={15}>
    <path d="M12 3l1.9 5.6L19.5 10.5l-5.6 1.9L12 18l-1.9-5.6L4.5 10.5l5.6-1.9z" />
  </Icon>
);

export const LockIcon = () => (
  <Icon size={14}>
    <rect x="5" y="11" width="14" height="9" rx="2" />
    <path d="M8 11V8a4 4 0 0 1 8 0v3" />
  </Icon>
);

export const ImageIcon = ({ size }: { size?: number }) => (
  <Icon size={size}>
    <rect x="3" y="4" width="18" height="16" rx="2.5" />
    <circle cx="9" cy="10" r="1.75" />
    <path d="M21 16l-5-5-9 9" />
  </Icon>
);

export const InfoIcon = () => (
  <Icon size={14}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 11v5.5M12 7.5v.01" />
  </Icon>
);

export const PlusIcon = ({ size = 14 }: { size?: number }) => (
  <Icon size={size}>
    <path d="M12 5v14M5 12h14" />
  </Icon>
);

export const PersonIcon = () => (
  <Icon size={12}>
    <circle cx="12" cy="8" r="3.5" />
    <path d="M5 20c.8-3.6 3.6-5.5 7-5.5s6.2 1.9 7 5.5" />
  </Icon>
);

export const ObjectIcon = () => (
  <Icon size={12}>
    <path d="M12 3l8 4.5v9L12 21l-8-4.5v-9z" />
    <path d="M4 7.5l8 4.5 8-4.5M12 12v9" />
  </Icon>
);

export const PauseIcon = () => (
  <Icon size={14}>
    <path d="M9 5.5v13M15 5.5v13" />
  </Icon>
);

export const PlayIcon = () => (
  <Icon size={14}>
    <path d="M7.5 5.5l11 6.5-11 6.5z" />
  </Icon>
);

export const ArrowUpIcon = () => (
  <Icon size={14}>
    <path d="M12 19V5M6 11l6-6 6 6" />
  </Icon>
);

export const RetryIcon = () => (
  <Icon size={14}>
    <path d="M4.5 12a7.5 7.5 0 1 0 2.2-5.3M4.5 4.5v4h4" />
  </Icon>
);

export const ClockIcon = () => (
  <Icon size={13}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </Icon>
);

export const OfflineIcon = () => (
  <Icon size={15}>
    <path d="M3 3l18 18M8.5 16.5a5 5 0 0 1 7 0M5 12.5a10 10 0 0 1 4.2-2.4M19 12.5a10 10 0 0 0-2.9-2M2 8.8a14.5 14.5 0 0 1 4.3-2.7M22 8.8A14.5 14.5 0 0 0 11 5.6M12 20h.01" />
  </Icon>
);

export const SearchIcon = ({ size = 14 }: { size?: number }) => (
  <Icon size={size}>
    <circle cx="11" cy="11" r="6.5" />
    <path d="M20 20l-4.2-4.2" />
  </Icon>
);

export const ThoughtIcon = () => (
  <Icon size={14}>
    <path d="M7 17.5a4.5 4.5 0 0 1-.9-8.9 5.5 5.5 0 0 1 10.6-1 4.5 4.5 0 0 1 1.3 8.8 4 4 0 0 1-5 1.6 4 4 0 0 1-6 -.5z" />
    <path d="M6 21h.01M9 20h.01" />
  </Icon>
);

export const ExternalIcon = () => (
  <Icon size={12}>
    <path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />
  </Icon>
);

export const TextIcon = ({ size = 16 }: { size?: number }) => (
  <Icon size={size}>
    <path d="M5 6h14M5 10h14M5 14h10M5 18h7" />
  </Icon>
);

export const StackIcon = () => (
  <Icon size={14}>
    <path d="M12 3l9 5-9 5-9-5z" />
    <path d="M3 13l9 5 9-5" />
  </Icon>
);

export const ReuseIcon = () => (
  <Icon size={14}>
    <path d="M4 7h12l-3-3M20 17H8l3 3" />
  </Icon>
);

export const WarningIcon = () => (
  <Icon size={14}>
    <path d="M12 4l9 16H3z" />
    <path d="M12 10v4.5M12 17.5v.01" />
  </Icon>
);
