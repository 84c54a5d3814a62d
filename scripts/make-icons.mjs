// `npm run icons`: renders resources/icon.svg into the PNGs the builders take. electron-builder
// makes the macOS .icns and the Windows .ico from the 1024-px icon.png; Linux takes the sized
// PNGs in resources/icons/ (named NxN.png, as its desktop integration expects). The PNGs are
// committed, so packaging needs no sharp/SVG step; re-run this after changing the SVG.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const resources = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources');
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

// Rendered at 4× density once, then scaled down: crisper small sizes than rasterising each.
const master = await sharp(path.join(resources, 'icon.svg'), { density: 288 }).resize(1024, 1024).png().toBuffer();
await sharp(master).png({ compressionLevel: 9 }).toFile(path.join(resources, 'icon.png'));
mkdirSync(path.join(resources, 'icons'), { recursive: true });
for (const size of LINUX_SIZES) {
  await sharp(master).resize(size, size, { kernel: 'lanczos3' }).png({ compressionLevel: 9 }).toFile(path.join(resources, 'icons', `${size}x${size}.png`));
}
console.log(`icons: resources/icon.png (1024) and ${LINUX_SIZES.length} sizes in resources/icons/`);
