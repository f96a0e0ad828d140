/**
 * Pixel comparisons of PNG screenshots, decoded by the browser itself (an <img> drawn into a 2D
 * canvas) on a blank page of its own, so no image library is needed and the app page is untouched.
 */
import type { Browser } from 'playwright-core';

export interface PixelComparison {
  width: number;
  height: number;
  /** Pixels whose RGBA differs between the two images (all of them when the sizes differ). */
  differing: number;
  /** Distinct colours in the second image: 1 means a blank, uniform area. */
  distinctColoursAfter: number;
}

export async function comparePixels(browser: Browser, before: Buffer, after: Buffer): Promise<PixelComparison> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ([a, b]) => {
        const decode = async (base64: string) => {
          const image = new Image();
          image.src = `data:image/png;base64,${base64}`;
          await image.decode();
          const canvas = document.createElement('canvas');
          canvas.width = image.width;
          canvas.height = image.height;
          const context = canvas.getContext('2d')!;
          context.drawImage(image, 0, 0);
          return context.getImageData(0, 0, image.width, image.height);
        };
        const [x, y] = await Promise.all([decode(a), decode(b)]);
        const colours = new Set<number>();
        const view = new Uint32Array(y.data.buffer);
        for (const pixel of view) colours.add(pixel);
        let differing = 0;
        if (x.width !== y.width || x.height !== y.height) differing = y.width * y.height;
        else {
          const other = new Uint32Array(x.data.buffer);
          for (let i = 0; i < view.length; i++) if (view[i] !== other[i]) differing++;
        }
        return { width: y.width, height: y.height, differing, distinctColoursAfter: colours.size };
      },
      [before.toString('base64'), after.toString('base64')] as const,
    );
  } finally {
    await page.close();
  }
}
