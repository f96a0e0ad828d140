/** Base64 (RFC 4648) without Node's Buffer or the DOM's btoa, so exports run in any worker. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Encodes bytes as standard padded base64 text. */
export function base64Encode(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 3 * 4096;
  for (let start = 0; start < bytes.length; start += chunk) {
    const end = Math.min(start + chunk, bytes.length);
    let text = '';
    for (let i = start; i < end; i += 3) {
      const b0 = bytes[i];
      const b1 = i + 1 < end ? bytes[i + 1] : 0;
      const b2 = i + 2 < end ? bytes[i + 2] : 0;
      const triple = (b0 << 16) | (b1 << 8) | b2;
      text += ALPHABET[triple >> 18] + ALPHABET[(triple >> 12) & 63];
      text += i + 1 < end ? ALPHABET[(triple >> 6) & 63] : '=';
      text += i + 2 < end ? ALPHABET[triple & 63] : '=';
    }
    parts.push(text);
  }
  return parts.join('');
}

/** Decodes standard base64 text (whitespace ignored) back to bytes. */
export function base64Decode(text: string): Uint8Array {
  const clean = text.replace(/[\s=]+/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let n = 0;
  for (const ch of clean) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) throw new Error(`base64: invalid character '${ch}'`);
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (value >> bits) & 255;
    }
  }
  return out.subarray(0, n);
}
