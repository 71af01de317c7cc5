import { reasons, type Rejection } from './reasons.ts';

export type CheckedName =
  { ok: true; path: string; name: string } | { ok: false; path: string; name: string; rejection: Rejection };

/** Backslashes become slashes: Windows tools write them and Windows extractors honour them. */
function slashes(raw: string): string {
  return raw.replace(/\\/g, '/');
}

export function isDirectoryName(raw: string): boolean {
  return slashes(raw).endsWith('/');
}

/** Last non-empty component, for EntryInfo.name. */
export function baseName(path: string): string {
  const parts = path.split('/').filter((p) => p !== '');
  return parts.length ? parts[parts.length - 1] : path;
}

/**
 * Validates a member name from inside an archive. The returned `path` is what we display;
 * we never use it to write to disk, but we still refuse names an extractor would misuse.
 */
export function checkEntryName(raw: string): CheckedName {
  const path = slashes(raw);
  const name = baseName(path);
  const fail = (rejection: Rejection): CheckedName => ({ ok: false, path, name, rejection });
  if (path.length === 0) return fail(reasons.invalidName('empty name'));
  if (path.includes('\0')) return fail(reasons.invalidName('contains NUL byte'));
  if (path.startsWith('//')) return fail(reasons.traversal(`UNC path "${raw}"`));
  if (path.startsWith('/')) return fail(reasons.traversal(`absolute path "${raw}"`));
  if (/^[A-Za-z]:/.test(path)) return fail(reasons.traversal(`drive-letter path "${raw}"`));
  const parts = path.split('/');
  if (parts.includes('..')) return fail(reasons.traversal(`".." component in "${raw}"`));
  const clean = parts.filter((p) => p !== '' && p !== '.').join('/');
  if (clean.length === 0) return fail(reasons.invalidName(`no file name in "${raw}"`));
  return { ok: true, path: clean, name: baseName(clean) };
}

/** `parent!/member` for archive members; folder members use plain `/`. */
export function memberPath(containerPath: string, member: string): string {
  return `${containerPath}!/${member}`;
}
