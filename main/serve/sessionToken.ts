/**
 * The serve mode's per-session secret. A request proves it belongs to the session with the token
 * in the query (`?token=`, the URL printed at start) or with the HttpOnly cookie the server sets
 * when a page was loaded with a valid query token, so the page's own requests need no token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function createSessionToken(): string {
  return randomBytes(32).toString('hex');
}

/** Constant time for equal lengths; a length mismatch is a plain rejection. */
export function tokensMatch(expected: string, candidate: string | undefined): boolean {
  if (candidate === undefined) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(candidate, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cookies are not scoped by port, so two serve sessions on one host need different names. */
export function sessionCookieName(port: number): string {
  return `workbench_token_${port}`;
}

export function sessionCookie(port: number, token: string): string {
  return `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export type TokenSource = 'query' | 'cookie';

/** Which credential proves the request belongs to the session, or null when none does. */
export function authenticate(req: IncomingMessage, url: URL, token: string, port: number): TokenSource | null {
  if (tokensMatch(token, url.searchParams.get('token') ?? undefined)) return 'query';
  if (tokensMatch(token, cookieValue(req.headers.cookie, sessionCookieName(port)))) return 'cookie';
  return null;
}
