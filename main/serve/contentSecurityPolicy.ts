/**
 * The renderer's Content-Security-Policy, one policy for both shells: everything from the app's
 * own origin, nothing remote. The serve mode adds its WebSocket origins to `connect-src`; the
 * Electron shell talks over a MessagePort and adds nothing.
 */
export function contentSecurityPolicy(extraConnectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    ['connect-src', "'self'", ...extraConnectSources].join(' '),
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
