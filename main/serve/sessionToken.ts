/**
 * The serve mode's per-session secret. A request proves it belongs to the session with the token
 * in the query (`?token=`, the URL printed at start) or with the HttpOnly cookie the server sets
 * when a page was loaded with a valid query token, so the page's own requests need no token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function createSessionToken(): string {
  return randomBytes(32).toString('hex');
}

/**
 * Constant time whatever the candidate: both sides are hashed to 32 bytes first, so
 * timingSafeEqual always compares equal lengths and the time says nothing about the token.
 */
export function tokensMatch(expected: string, candidate: string | undefined): boolean {
  if (candidate === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(candidate));
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
