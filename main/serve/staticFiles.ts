/**
 * Maps a request path onto a file of the built renderer, confined to its folder: the path is
 * percent-decoded once, any `..` segment (also when written `%2e%2e` or with an encoded slash)
 * is refused outright, and the resolved real path must still lie inside the folder, so neither
 * a crafted path nor a symbolic link reaches a file outside it.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function mimeType(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup =
  | { kind: 'file'; file: string; size: number; mime: string }
  | { kind: 'bad-path' }
  | { kind: 'not-found' };

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root + path.sep);
}

/** `rawPathname` is the path part of the request target as sent, still percent-encoded. */
export async function lookupStaticFile(staticDir: string, rawPathname: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPathname);
  } catch {
    return { kind: 'bad-path' };
  }
  if (decoded.includes('\0') || !decoded.startsWith('/')) return { kind: 'bad-path' };
  const segments = decoded.split(/[\\/]/);
  if (segments.some((segment) => segment === '..')) return { kind: 'bad-path' };

  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const root = path.resolve(staticDir);
  const candidate = path.resolve(root, relative);
  if (!isInside(root, candidate) || candidate === root) return { kind: 'bad-path' };

  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!isInside(realRoot, realFile)) return { kind: 'bad-path' };
    const info = await stat(realFile);
    if (!info.isFile()) return { kind: 'not-found' };
    return { kind: 'file', file: realFile, size: info.size, mime: mimeType(realFile) };
  } catch {
    return { kind: 'not-found' };
  }
}
