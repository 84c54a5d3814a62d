/**
 * Imported first by the image helper's entry: the helper runs below main and the window, so on a
 * busy machine image work takes the cores they leave and a batch of thousands of images never
 * holds main's event loop (`npm run bench -- batch`). Set before sharp loads and libvips starts
 * its threads, which inherit it on Linux (there a nice value is per thread); elsewhere it is the
 * process's as a whole, which is what is meant.
 */
import os from 'node:os';

try {
  os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
} catch {
  /* a courtesy: images are made at any priority */
}
