// File type from magic bytes (file-type), with a plain-text fallback; the extension is only compared.
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';

export const SNIFF_BYTES = 4100;

export type DetectedType = { mime: string; ext: string | null };

const IMAGE_MIMES = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/tiff',
  'image/bmp',
  'image/avif',
  'image/heic',
  'image/heif',
  'image/jxl',
  'image/jp2',
  'image/x-portable-pixmap',
]);

export const isImageMime = (mime: string | null): boolean => mime !== null && IMAGE_MIMES.has(mime);

function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  if (head.includes(0)) return false;
  // Valid UTF-8 decodes without replacement characters.
  return !new TextDecoder('utf-8', { fatal: false })
    .decode(head.subarray(0, Math.min(head.length, 4096)))
    .includes('\uFFFD');
}

export async function detectType(head: Buffer): Promise<DetectedType | null> {
  if (head.length === 0) return null;
  const found = await fileTypeFromBuffer(head);
  if (found) return { mime: found.mime, ext: found.ext };
  if (looksLikeText(head)) return { mime: 'text/plain', ext: 'txt' };
  return { mime: 'application/octet-stream', ext: null };
}

const EXTENSION_ALIASES: Record<string, string[]> = {
  jpg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  tif: ['tif', 'tiff'],
  heic: ['heic', 'heif'],
  txt: ['txt', 'text', 'log', 'csv', 'md', 'json', 'xml', 'html', 'htm'],
  mp4: ['mp4', 'm4v'],
  mov: ['mov', 'qt'],
};

/** True when the file name's extension contradicts what the content is (e.g. a JPEG named .dat). */
export function extensionMismatch(fileName: string, detectedExt: string | null): boolean {
  if (!detectedExt) return false;
  const ext = path.extname(fileName).slice(1).toLowerCase();
  if (!ext) return false;
  const accepted = EXTENSION_ALIASES[detectedExt] ?? [detectedExt];
  return !accepted.includes(ext);
}

const MIME_EXT: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/tiff': 'tif',
  'image/bmp': 'bmp',
  'text/plain': 'txt',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
};
export const extForMime = (mime: string | null): string | null =>
  mime ? (MIME_EXT[mime] ?? mime.split('/')[1] ?? null) : null;
