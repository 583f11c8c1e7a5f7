/**
 * A loopback stand-in for a Roku's BrightScript debug console (telnet port 8085): a TCP server
 * that sends whatever the test prints to every connected client, with the device's CRLF line ends.
 */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface FakeConsole {
  readonly port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Sends lines to every connected client. */
  print(lines: readonly string[]): void;
  close(): Promise<void>;
}

/** Options of {@link startFakeConsole}. */
export interface FakeConsoleOptions {
  /**
   * Lines sent to a client as soon as it connects (what an earlier run left on the console).
   * @default []
   */
  onConnect?: readonly string[];
}

export async function startFakeConsole(opts: FakeConsoleOptions = {}): Promise<FakeConsole> {
  const clients = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.on('error', () => clients.delete(socket));
    if (opts.onConnect?.length) socket.write(opts.onConnect.map((l) => `${l}\r\n`).join(''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return connections;
    },
    print(lines) {
      // The debugger prompt comes without a line end, as on a device.
      const text = lines.map((l) => (/Debugger>\s*$/.test(l) ? l : `${l}\r\n`)).join('');
      for (const c of clients) c.write(text);
    },
    close() {
      for (const c of clients) c.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A Rooibos 5 run as the console shows it (from a real run of a one-test suite). */
export function rooibosRun(result: 'PASS' | 'FAIL'): string[] {
  const pass = result === 'PASS';
  return [
    "------ Running dev 'mParticle SDK device tests' main ------",
    '[Rooibos Info]: Starting test using test scene with name RooibosScene RooibosScene',
    '[Rooibos Info]: scene is ready; running tests now',
    '\u001b[32m> SUITE: SDK smoke>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>\u001b[0m',
    ' ',
    ' [START TEST REPORT]',
    ' ',
    '  SDK smoke file:///suites/Smoke.spec.bs:3',
    '  |-mParticleConstants',
    `  | |--is an associative array : ............................${pass ? 'PASS' : 'FAIL'} (2ms)`,
    ...(pass ? [] : ['  |   |--Location: file:///suites/Smoke.spec.bs:7', '  |   |--Error Message: expected "roInvalid" to equal "roAssociativeArray"']),
    ' ',
    ' Total: 1',
    `   Passed: ${pass ? 1 : 0}`,
    '   Crashed: 0',
    `   Failed: ${pass ? 0 : 1}`,
    '   Ignored: 0',
    '   Time: 30ms',
    ' ',
    ` RESULT: ${pass ? 'Success' : 'Fail'}`,
    ' ',
    ' [END TEST REPORT]',
    ' ',
    `[Rooibos Result]: ${result}`,
    '[Rooibos Shutdown]',
    '[Rooibos Info]: keepAppOpen is false; exiting Rooibos',
  ];
}

/** A channel that stops in the debugger, as a device prints it. */
export function crashRun(): string[] {
  return [
    "------ Running dev 'mParticle SDK device tests' main ------",
    "Type Mismatch. Operator \"+\" can't be applied to \"String\" and \"Integer\". (runtime error &h18) in pkg:/source/main.brs(3)",
    'Backtrace:',
    '#0  Function main() As Void',
    '   file/line: pkg:/source/main.brs(3)',
    'Local Variables:',
    'global           Interface:ifGlobal',
    'BrightScript Micro Debugger.',
    'Enter any BrightScript statement, debug commands, or HELP.',
    '',
    'Brightscript Debugger> ',
  ];
}
