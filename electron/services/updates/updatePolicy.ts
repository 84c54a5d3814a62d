/**
 * Whether this copy of Atelier updates itself. Only builds that can replace themselves without
 * asking do: the Windows installer, the macOS app, and the Linux AppImage. A .deb does not:
 * electron-updater's DebUpdater installs the new package with pkexec or sudo when the app quits,
 * a password prompt out of nowhere; a .deb is updated by installing the next .deb (README,
 * "Which Linux installer"). electron-updater itself tells the two apart the same way: the
 * AppImage runtime sets APPIMAGE (AppImageUpdater), and a .deb carries resources/package-type.
 */
export function updatesOffReason(o: { isPackaged: boolean; platform: string; env: { ATELIER_UPDATES?: string | undefined; APPIMAGE?: string | undefined }; packageType?: string | null }): string | null {
  if (!o.isPackaged) return 'This is a development build: it does not update itself.';
  if (o.env.ATELIER_UPDATES === 'off') return 'Updates are turned off (ATELIER_UPDATES=off).';
  if (o.platform === 'linux' && !o.env.APPIMAGE) {
    return o.packageType === 'deb'
      ? 'Installed from a .deb: updates come from installing the next .deb.'
      : 'Only the AppImage updates itself on Linux: install the next release the way you installed this one.';
  }
  return null;
}
