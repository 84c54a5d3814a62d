/**
 * `npm run fake-gemini [-- --port 8787] [--host 127.0.0.1]`
 *
 * Prints exactly one line, the base URL, so scripts can capture it
 * (`URL=$(npm run -s fake-gemini | head -1)`); everything else goes to stderr.
 * Script it over HTTP via /__fake/* (see control.ts).
 */
import { startFakeGemini } from './server';

function argValue(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `--${name}`) return args[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

async function main(): Promise<void> {
  const rawPort = argValue('port') ?? process.env['PORT'] ?? '0';
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`fake-gemini: invalid port ${JSON.stringify(rawPort)}\n`);
    process.exit(2);
  }
  const host = argValue('host') ?? '127.0.0.1';
  const fake = await startFakeGemini({ port, host });
  process.stdout.write(`${fake.url}\n`);

  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`fake-gemini: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
