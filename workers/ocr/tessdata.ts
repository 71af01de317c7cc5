// The language models come from the npm data packages, never from the network: tesseract.js downloads from a CDN
// whenever langPath is empty or a URL, so the folder handed to it is checked to be a local one that holds them.
import { constants } from 'node:fs';
import { access, copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export const OCR_LANGUAGES = ['eng', 'nld'] as const;
export const MODEL_VARIANT = '4.0.0_best_int';

const require = createRequire(import.meta.url);

/** The .traineddata.gz shipped in `@tesseract.js-data/<lang>`. */
function packagedModel(lang: string): string {
  const pkg = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  return path.join(pkg, MODEL_VARIANT, `${lang}.traineddata.gz`);
}

async function sameSize(a: string, b: string): Promise<boolean> {
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    return sa.size === sb.size;
  } catch {
    return false;
  }
}

/** Copies both models into `dir` (once; a copy is written beside and renamed, so a crash never leaves half a file). */
export async function ensureTessdata(dir: string): Promise<string> {
  const target = path.resolve(dir);
  await mkdir(target, { recursive: true });
  for (const lang of OCR_LANGUAGES) {
    const source = packagedModel(lang);
    const dest = path.join(target, `${lang}.traineddata.gz`);
    if (await sameSize(source, dest)) continue;
    const partial = `${dest}.${process.pid}.partial`;
    await copyFile(source, partial);
    await rename(partial, dest);
  }
  await assertLocalLangPath(target);
  return target;
}

/** Refuses anything tesseract.js would fetch over the network: a URL, a relative path, or a folder without models. */
export async function assertLocalLangPath(langPath: string): Promise<void> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(langPath) || !path.isAbsolute(langPath)) {
    throw new Error(`OCR language folder must be an absolute local path, got ${JSON.stringify(langPath)}`);
  }
  for (const lang of OCR_LANGUAGES) {
    await access(path.join(langPath, `${lang}.traineddata.gz`), constants.R_OK);
  }
}
