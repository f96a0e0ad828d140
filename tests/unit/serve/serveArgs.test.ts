import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, isLoopbackHost, parseServeArgs } from '../../../main/serve/serveArgs';

describe('parseServeArgs', () => {
  it('defaults to port 5780, no host and no runs folder', () => {
    expect(parseServeArgs([])).toEqual({ port: DEFAULT_PORT, host: undefined, runs: undefined, help: false });
  });

  it('reads --flag value and --flag=value forms', () => {
    expect(parseServeArgs(['--port', '0', '--host=0.0.0.0', '--runs', '/tmp/r'])).toEqual({
      port: 0,
      host: '0.0.0.0',
      runs: '/tmp/r',
      help: false,
    });
    expect(parseServeArgs(['--port=65535']).port).toBe(65535);
  });

  it('rejects bad ports with the flag and value in the message', () => {
    for (const bad of ['abc', '-1', '65536', '1.5', '', '0x10']) {
      expect(() => parseServeArgs(['--port', bad]), bad).toThrow(/--port/);
    }
    expect(() => parseServeArgs(['--port', 'abc'])).toThrow("got 'abc'");
  });

  it('rejects unknown flags, missing values and repeated flags', () => {
    expect(() => parseServeArgs(['--prot', '1'])).toThrow("unknown argument '--prot'");
    expect(() => parseServeArgs(['extra'])).toThrow("unknown argument 'extra'");
    expect(() => parseServeArgs(['--runs'])).toThrow('--runs needs a value');
    expect(() => parseServeArgs(['--host', '--port', '1'])).toThrow('--host needs a value');
    expect(() => parseServeArgs(['--port', '1', '--port', '2'])).toThrow('--port given more than once');
  });

  it('tells loopback hosts from the others', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.org']) expect(isLoopbackHost(host), host).toBe(false);
  });
});
