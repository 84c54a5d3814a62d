/** Items 9, 10 and 11: what main does first, with Electron's app as a fake EventEmitter. */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID, claimInstance, DEVELOPMENT_DATA_FOLDER, userDataFolder, type InstanceApp } from '../../../../electron/services/shell/instance';

function fakeApp(o: { isPackaged: boolean; locked?: boolean }) {
  const calls: string[] = [];
  const app = Object.assign(new EventEmitter(), {
    isPackaged: o.isPackaged,
    getPath: (name: string) => (calls.push(`getPath:${name}`), '/home/ana/.config'),
    setPath: (name: string, value: string) => void calls.push(`setPath:${name}=${value}`),
    setAppUserModelId: (id: string) => void calls.push(`setAppUserModelId:${id}`),
    requestSingleInstanceLock: () => (calls.push('lock'), o.locked ?? true),
  });
  return { app: app as EventEmitter & InstanceApp, calls };
}

const base = { platform: 'linux', env: {}, execPath: 'C:\\Atelier\\Atelier.exe', argv: ['/opt/Atelier/atelier'], cwd: '/home/ana', argvSkip: 1 };
const openFile = () => ({ preventDefault() {} });

describe('item 11: development and installed copies keep apart', () => {
  it('a checkout gets its own data folder beside the installed one; packaged keeps the default; ATELIER_USER_DATA_DIR wins', () => {
    expect(userDataFolder({ isPackaged: false, appData: '/home/ana/.config', env: {} })).toBe(path.join('/home/ana/.config', DEVELOPMENT_DATA_FOLDER));
    expect(userDataFolder({ isPackaged: true, appData: '/home/ana/.config', env: {} })).toBeNull();
    expect(userDataFolder({ isPackaged: false, appData: '/x', env: { ATELIER_USER_DATA_DIR: 'rel/dir' } })).toBe(path.resolve('rel/dir'));
    expect(userDataFolder({ isPackaged: true, appData: '/x', env: { ATELIER_USER_DATA_DIR: '/tmp/t' } })).toBe('/tmp/t');
  });

  it('the data folder is set before the single-instance lock is asked for', () => {
    const { app, calls } = fakeApp({ isPackaged: false });
    claimInstance(app, base);
    expect(calls).toEqual(['getPath:appData', `setPath:userData=${path.join('/home/ana/.config', DEVELOPMENT_DATA_FOLDER)}`, 'lock']);
  });
});

describe('item 9: Windows notifications', () => {
  it('sets the AppUserModelID of electron-builder.yml on Windows, before the lock, and only there', () => {
    const win = fakeApp({ isPackaged: true });
    claimInstance(win.app, { ...base, platform: 'win32' });
    expect(win.calls).toEqual(['getPath:appData', `setAppUserModelId:${APP_USER_MODEL_ID}`, 'lock']);
    const builder = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'electron-builder.yml'), 'utf8');
    expect(builder).toMatch(new RegExp(`^appId: ${APP_USER_MODEL_ID.replace(/\./g, '\\.')}$`, 'm'));
    // A checkout runs electron.exe: its own path, as Electron's notifications tutorial has it.
    const dev = fakeApp({ isPackaged: false });
    claimInstance(dev.app, { ...base, platform: 'win32', execPath: 'C:\\src\\node_modules\\electron\\dist\\electron.exe' });
    expect(dev.calls).toContain('setAppUserModelId:C:\\src\\node_modules\\electron\\dist\\electron.exe');
    const mac = fakeApp({ isPackaged: true });
    claimInstance(mac.app, { ...base, platform: 'darwin' });
    expect(mac.calls).not.toContain(`setAppUserModelId:${APP_USER_MODEL_ID}`);
  });
});

describe('item 10: files opened while the app starts are not lost', () => {
  it('a second-instance and an open-file during the services\' start wait, then go to the window once it has loaded', () => {
    const { app } = fakeApp({ isPackaged: true });
    const inbox = claimInstance(app, { ...base, argv: ['/opt/Atelier/atelier', 'first.png'] })!;
    // The services are starting: nothing can show files yet.
    app.emit('second-instance', {}, ['/opt/Atelier/atelier', 'b.jpg', '--flag', 'notes.txt'], '/home/ana/Desktop');
    app.emit('open-file', openFile(), '/Volumes/card/c.webp');
    app.emit('open-file', openFile(), '/Volumes/card/readme.pdf');
    expect(inbox.pending()).toEqual(['/home/ana/first.png', '/home/ana/Desktop/b.jpg', '/Volumes/card/c.webp']);

    const opened: string[][] = [];
    let reveals = 0;
    inbox.deliverTo((paths) => void opened.push(paths), () => void reveals++);
    expect(opened).toEqual([['/home/ana/first.png', '/home/ana/Desktop/b.jpg', '/Volumes/card/c.webp']]);
    expect(inbox.pending()).toEqual([]);

    // Once loaded: straight through, and a launch without files still brings the window forward.
    app.emit('second-instance', {}, ['/opt/Atelier/atelier', '/d.png'], '/');
    app.emit('second-instance', {}, ['/opt/Atelier/atelier'], '/');
    expect(opened).toEqual([['/home/ana/first.png', '/home/ana/Desktop/b.jpg', '/Volumes/card/c.webp'], ['/d.png']]);
    expect(reveals).toBe(2);
  });

  it('open-file is marked handled (preventDefault), as macOS expects', () => {
    const { app } = fakeApp({ isPackaged: true });
    claimInstance(app, base);
    let prevented = false;
    app.emit('open-file', { preventDefault: () => void (prevented = true) }, '/a.png');
    expect(prevented).toBe(true);
  });

  it('without the lock nothing listens and nothing is returned: the first instance gets the files', () => {
    const { app } = fakeApp({ isPackaged: true, locked: false });
    expect(claimInstance(app, base)).toBeNull();
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('main.ts leaves the lock and these listeners to claimInstance, and starts only with its inbox', () => {
    const main = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'electron', 'main.ts'), 'utf8');
    expect(main).not.toMatch(/'second-instance'|'open-file'|requestSingleInstanceLock|setPath\('userData'/);
    // start() takes the inbox, so the services cannot start before the listeners exist.
    expect(main).toMatch(/async function start\(inbox: OpenFilesInbox\)/);
    expect(main).toMatch(/const inbox = claimInstance\(app, \{[\s\S]*\}\);\nif \(inbox\) void start\(inbox\);/);
  });
});
