/**
 * `npm run preview`: the real app (real services, real renderer) in a Chromium window to click
 * through, without Electron. Pass `--fake` to start the local fake Gemini server and use it;
 * otherwise it talks to Google with your key. `--data <dir>` keeps the library between runs.
 */
import os from 'node:os';
import path from 'node:path';
import { startFakeGemini } from '../fake-gemini/server';
import { launchApp } from './launchApp';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dataIndex = args.indexOf('--data');
  const userDataDir = dataIndex >= 0 ? path.resolve(args[dataIndex + 1] ?? '') : path.join(os.tmpdir(), 'atelier-preview');
  const fake = args.includes('--fake') ? await startFakeGemini() : null;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error('No display: run this on a desktop, or under `xvfb-run npm run preview`.');
    process.exit(1);
  }
  const app = await launchApp({
    userDataDir,
    headless: false,
    keychainService: 'Atelier-preview',
    // A browser window has no native dialog behind it: the Import buttons use the page's file input.
    nativeDialogs: false,
    ...(fake ? { geminiBaseUrl: fake.url } : process.env.GEMINI_BASE_URL ? { geminiBaseUrl: process.env.GEMINI_BASE_URL } : {}),
    ...(process.env.GEMINI_API_KEY ? { envApiKey: process.env.GEMINI_API_KEY } : {}),
  });
  console.log(`Atelier preview at ${app.origin}/ (data in ${userDataDir}${fake ? `, fake Gemini at ${fake.url}` : ''})`);
  console.log('Close the browser window or press Ctrl+C to stop.');
  const stop = async () => {
    await app.close();
    await fake?.close();
    process.exit(0);
  };
  app.page.on('close', () => void stop());
  process.on('SIGINT', () => void stop());
}

void main();
