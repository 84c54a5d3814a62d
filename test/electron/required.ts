/**
 * Whether a missing Electron app skips the `_electron` specs or fails them. Skipping is right
 * where Electron cannot be had (this machine, a contributor offline); on the CI job that exists
 * to run them, a skip would be a green job that tested nothing, so the job says
 * ATELIER_REQUIRE_ELECTRON=1 and a missing build fails. Not keyed on GITHUB_ACTIONS: the checks
 * job runs the whole Playwright config there without building the app.
 */
export function electronRequired(env: NodeJS.ProcessEnv): boolean {
  return env.ATELIER_REQUIRE_ELECTRON === '1';
}

/** What to do when no app was found: `skip` with the reason, or throw with it. */
export function whenNoApp(reason: string, env: NodeJS.ProcessEnv): { skip: string } {
  if (electronRequired(env)) {
    throw new Error(`The _electron specs must run here (ATELIER_REQUIRE_ELECTRON=1), but ${reason}. Build it first: \`npm run package:test\`.`);
  }
  return { skip: reason };
}
