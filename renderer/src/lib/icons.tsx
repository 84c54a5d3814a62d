/**
 * The line icons the UI uses, drawn inline so nothing is fetched (strict CSP) and they take the
 * text colour. All are decorative: the control next to them carries the name. Every feature takes
 * its icons from here; each icon has its usual size and takes another through `size`.
 */
import type { ReactNode } from 'react';

export interface IconProps {
  size?: number;
}

function Icon({ children, size = 16 }: IconProps & { children: ReactNode }) {
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

export const LibraryIcon = ({ size = 16 }: IconProps) => (
  <Icon size={size}>
    <rect x="3" y="3" width="7" height="7" rx="1.5" />
    <rect x="14" y="3" width="7" height="7" rx="1.5" />
    <rect x="3" y="14" width="7" height="7" rx="1.5" />
    <rect x="14" y="14" width="7" height="7" rx="1.5" />
  </Icon>
);

export const SettingsIcon = ({ size = 16 }: IconProps) => (
  <Icon size={size}>
    <path d="M4 7h10M18 7h2M4 17h2M10 17h10" />
    <circle cx="16" cy="7" r="2" />
    <circle cx="8" cy="17" r="2" />
  </Icon>
);

export const KeyIcon = ({ size = 16 }: IconProps) => (
  <Icon size={size}>
    <circle cx="8" cy="15" r="4" />
    <path d="M10.85 12.15 19 4M17 6l2 2M14.5 8.5l2 2" />
  </Icon>
);

export const CloseIcon = ({ size = 16 }: IconProps) => (
  <Icon size={size}>
    <path d="M6 6l12 12M18 6L6 18" />
  </Icon>
);

export const CheckIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </Icon>
);

export const AlertIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7.5v5.5M12 16.5v.01" />
  </Icon>
);

export const SparkIcon = ({ size = 15 }: IconProps) => (
  <Icon size={size}>
    <path d="M12 3l1.9 5.6L19.5 10.5l-5.6 1.9L12 18l-1.9-5.6L4.5 10.5l5.6-1.9z" />
  </Icon>
);

export const LockIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <rect x="5" y="11" width="14" height="9" rx="2" />
    <path d="M8 11V8a4 4 0 0 1 8 0v3" />
  </Icon>
);

export const ImageIcon = ({ size = 16 }: IconProps) => (
  <Icon size={size}>
    <rect x="3" y="4" width="18" height="16" rx="2.5" />
    <circle cx="9" cy="10" r="1.75" />
    <path d="M21 16l-5-5-9 9" />
  </Icon>
);

export const InfoIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 11v5.5M12 7.5v.01" />
  </Icon>
);

export const PlusIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M12 5v14M5 12h14" />
  </Icon>
);

export const PersonIcon = ({ size = 12 }: IconProps) => (
  <Icon size={size}>
    <circle cx="12" cy="8" r="3.5" />
    <path d="M5 20c.8-3.6 3.6-5.5 7-5.5s6.2 1.9 7 5.5" />
  </Icon>
);

export const ObjectIcon = ({ size = 12 }: IconProps) => (
  <Icon size={size}>
    <path d="M12 3l8 4.5v9L12 21l-8-4.5v-9z" />
    <path d="M4 7.5l8 4.5 8-4.5M12 12v9" />
  </Icon>
);

export const PauseIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M9 5.5v13M15 5.5v13" />
  </Icon>
);

export const PlayIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M7.5 5.5l11 6.5-11 6.5z" />
  </Icon>
);

export const ArrowUpIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M12 19V5M6 11l6-6 6 6" />
  </Icon>
);

export const RetryIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M4.5 12a7.5 7.5 0 1 0 2.2-5.3M4.5 4.5v4h4" />
  </Icon>
);

export const ClockIcon = ({ size = 13 }: IconProps) => (
  <Icon size={size}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </Icon>
);

export const OfflineIcon = ({ size = 15 }: IconProps) => (
  <Icon size={size}>
    <path d="M3 3l18 18M8.5 16.5a5 5 0 0 1 7 0M5 12.5a10 10 0 0 1 4.2-2.4M19 12.5a10 10 0 0 0-2.9-2M2 8.8a14.5 14.5 0 0 1 4.3-2.7M22 8.8A14.5 14.5 0 0 0 11 5.6M12 20h.01" />
  </Icon>
);

export const SearchIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <circle cx="11" cy="11" r="6.5" />
    <path d="M20 20l-4.2-4.2" />
  </Icon>
);

export const ThoughtIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M7 17.5a4.5 4.5 0 0 1-.9-8.9 5.5 5.5 0 0 1 10.6-1 4.5 4.5 0 0 1 1.3 8.8 4 4 0 0 1-5 1.6 4 4 0 0 1-6 -.5z" />
    <path d="M6 21h.01M9 20h.01" />
  </Icon>
);

export const ExternalIcon = ({ size = 12 }: IconProps) => (
  <Icon size={size}>
    <path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />
  </Icon>
);

export const TextIcon = ({ size = 16 }: IconProps) => (
  <Icon size={size}>
    <path d="M5 6h14M5 10h14M5 14h10M5 18h7" />
  </Icon>
);

export const StackIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M12 3l9 5-9 5-9-5z" />
    <path d="M3 13l9 5 9-5" />
  </Icon>
);

export const ReuseIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M4 7h12l-3-3M20 17H8l3 3" />
  </Icon>
);

export const WarningIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M12 4l9 16H3z" />
    <path d="M12 10v4.5M12 17.5v.01" />
  </Icon>
);

export const ChatIcon = ({ size = 16 }: IconProps) => (
  <Icon size={size}>
    <path d="M5 5.5h14a1.5 1.5 0 0 1 1.5 1.5v8a1.5 1.5 0 0 1-1.5 1.5h-7l-4.5 3.5v-3.5H5A1.5 1.5 0 0 1 3.5 15V7A1.5 1.5 0 0 1 5 5.5z" />
  </Icon>
);

export const BatchIcon = ({ size = 16 }: IconProps) => (
  <Icon size={size}>
    <rect x="4" y="4" width="16" height="5" rx="1.5" />
    <rect x="4" y="12" width="16" height="8" rx="1.5" />
    <path d="M8 16h8" />
  </Icon>
);

export const UsageIcon = ({ size = 16 }: IconProps) => (
  <Icon size={size}>
    <path d="M4 20h16M7 16.5V11M12 16.5V6M17 16.5v-3.5" />
  </Icon>
);

export const SendIcon = ({ size = 15 }: IconProps) => (
  <Icon size={size}>
    <path d="M4.5 12h13M12.5 6l6 6-6 6" />
  </Icon>
);

/** A light bulb: the chat thread's "Thinking" summary (ThoughtIcon, the cloud, marks thinking elsewhere). */
export const BulbIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.4 1 1.1 1 1.8V16h5v-.3c0-.7.4-1.4 1-1.8A6 6 0 0 0 12 3z" />
  </Icon>
);

/* The library's organising tools. Star and heart fill with `.is-filled` (see library.css). */

export const StarIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M12 3.5l2.6 5.3 5.9.9-4.25 4.1 1 5.8L12 16.9l-5.25 2.7 1-5.8L3.5 9.7l5.9-.9z" />
  </Icon>
);

export const HeartIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M12 20s-7.5-4.6-7.5-10.1A4.4 4.4 0 0 1 12 7.3a4.4 4.4 0 0 1 7.5 2.6C19.5 15.4 12 20 12 20z" />
  </Icon>
);

export const TrashIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M4.5 7h15M10 4h4M6.5 7l.9 12a1.5 1.5 0 0 0 1.5 1.4h6.2a1.5 1.5 0 0 0 1.5-1.4l.9-12M10 11v5.5M14 11v5.5" />
  </Icon>
);

export const RestoreIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M9 14L4.5 9.5 9 5" />
    <path d="M4.5 9.5H15a4.5 4.5 0 0 1 0 9h-3" />
  </Icon>
);

export const FilterIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M4 6h16M7 12h10M10 18h4" />
  </Icon>
);

export const ImportIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M12 4v11M7.5 10.5L12 15l4.5-4.5M5 19.5h14" />
  </Icon>
);

export const ExportIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M12 15V4M7.5 8.5L12 4l4.5 4.5M5 14v4.5a1.5 1.5 0 0 0 1.5 1.5h11a1.5 1.5 0 0 0 1.5-1.5V14" />
  </Icon>
);

export const FolderIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M3.5 7.5A1.5 1.5 0 0 1 5 6h4.2l2 2.2H19a1.5 1.5 0 0 1 1.5 1.5v8.3A1.5 1.5 0 0 1 19 19.5H5A1.5 1.5 0 0 1 3.5 18z" />
  </Icon>
);

export const TagIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M3.5 12.2V4.8a1.3 1.3 0 0 1 1.3-1.3h7.4l8.3 8.3a1.3 1.3 0 0 1 0 1.8l-7.4 7.4a1.3 1.3 0 0 1-1.8 0z" />
    <circle cx="8.3" cy="8.3" r="1.3" />
  </Icon>
);

export const CollectionIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <rect x="3.5" y="8" width="17" height="12" rx="2" />
    <path d="M6 5h12M8.5 2.5h7" />
  </Icon>
);

export const CopyIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <rect x="8.5" y="8.5" width="11.5" height="11.5" rx="2" />
    <path d="M15.5 5.5V5a1.5 1.5 0 0 0-1.5-1.5H5A1.5 1.5 0 0 0 3.5 5v9A1.5 1.5 0 0 0 5 15.5h.5" />
  </Icon>
);

export const EditIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M4 20l1-4.2L15.6 5.2a2 2 0 0 1 2.8 0l.4.4a2 2 0 0 1 0 2.8L8.2 19z" />
    <path d="M13.5 7.3l3.2 3.2" />
  </Icon>
);

export const OpenIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M14 4h6v6M20 4l-7 7M10 5H6a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2v-4" />
  </Icon>
);

export const ChevronDownIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <path d="M6.5 9.5l5.5 5.5 5.5-5.5" />
  </Icon>
);

export const BranchIcon = ({ size = 14 }: IconProps) => (
  <Icon size={size}>
    <circle cx="6.5" cy="5.5" r="2" />
    <circle cx="6.5" cy="18.5" r="2" />
    <circle cx="17.5" cy="8.5" r="2" />
    <path d="M6.5 7.5v9M17.5 10.5c0 4-5.5 3-10 6.5" />
  </Icon>
);

export const StudioIcon = ({ size = 16 }: IconProps) => (
  <Icon size={size}>
    <rect x="3" y="4" width="18" height="13" rx="2" />
    <path d="M7 21h10M12 17v4" />
  </Icon>
);

export const CompareIcon = ({ size = 16 }: IconProps) => (
  <Icon size={size}>
    <rect x="3" y="4" width="8" height="16" rx="1.5" />
    <rect x="13" y="4" width="8" height="16" rx="1.5" />
  </Icon>
);

export const KeyboardIcon = ({ size = 16 }: IconProps) => (
  <Icon size={size}>
    <rect x="2.5" y="6" width="19" height="12" rx="2" />
    <path d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M7 14h10" />
  </Icon>
);

export const ThemeIcon = ({ size = 16 }: IconProps) => (
  <Icon size={size}>
    <circle cx="12" cy="12" r="8" />
    <path d="M12 4a8 8 0 0 0 0 16z" fill="currentColor" />
  </Icon>
);
