// Runs before `npm run package`: says, before a long build, whether the installers will be
// signed and notarised, from the environment variables electron-builder reads. An unsigned
// installer works, but Gatekeeper and SmartScreen warn about it and electron-updater on Windows
// refuses an update not signed by the configured publisher, so an unsigned build must say so.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @param {Record<string, string | undefined>} env
 * @param {NodeJS.Platform} platform
 * @returns {{ signed: boolean, lines: string[] }}
 */
export function signingPlan(env, platform) {
  const has = (...names) => names.every((n) => !!env[n]);
  if (platform === 'darwin') {
    const notarised = has('APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID') || has('APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') || has('APPLE_KEYCHAIN_PROFILE');
    if (!has('CSC_LINK') && !has('CSC_NAME')) return { signed: false, lines: ['signing: macOS build is UNSIGNED (no CSC_LINK): Gatekeeper will block it and updates will not install. Set CSC_LINK and CSC_KEY_PASSWORD to sign.'] };
    // electron-builder imports CSC_LINK into a keychain and then *discovers* the identity in it;
    // with CSC_IDENTITY_AUTO_DISCOVERY=false and no CSC_NAME its findIdentity gives up and the
    // build is skipped unsigned (app-builder-lib 26, out/codeSign/macCodeSign.js findIdentity).
    if (env.CSC_IDENTITY_AUTO_DISCOVERY === 'false' && !has('CSC_NAME')) {
      return { signed: false, lines: ['signing: macOS build will be UNSIGNED although CSC_LINK is set: CSC_IDENTITY_AUTO_DISCOVERY=false stops electron-builder finding the certificate\'s identity. Remove that variable (or name the identity in CSC_NAME).'] };
    }
    const signed = true;
    return { signed, lines: [notarised ? 'signing: macOS build is signed and will be notarised.' : 'signing: macOS build is signed but NOT notarised (set APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID): Gatekeeper will warn.'] };
  }
  if (platform === 'win32') {
    const signed = has('WIN_CSC_LINK') || has('CSC_LINK');
    return { signed, lines: [signed ? 'signing: Windows installer will be signed (its certificate\'s common name must be win.signtoolOptions.publisherName).' : 'signing: Windows installer is UNSIGNED (no WIN_CSC_LINK): SmartScreen will warn, and installed copies will refuse signed updates until reinstalled.'] };
  }
  return { signed: false, lines: ['signing: Linux AppImage and deb are not signed (the usual for both); checksums are in latest-linux.yml.'] };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { signed, lines } = signingPlan(process.env, process.platform);
  for (const line of lines) console.log(line);
  // On GitHub, an unsigned build shows as an annotation on the run as well.
  if (!signed && process.platform !== 'linux' && process.env.GITHUB_ACTIONS) console.log(`::warning::${lines[0]}`);
  // A certificate that was given but cannot be used is a mistake, not a choice: stop before the build.
  if (!signed && process.platform === 'darwin' && process.env.CSC_LINK) process.exit(1);
}
