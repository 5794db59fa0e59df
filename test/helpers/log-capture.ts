import { Writable } from 'node:stream';
import { createLogger } from '../../src/log.js';

/** The app's own logger writing into `lines`, so a test can read every line the app logs. */
export function captureLogs(level = 'trace', lines: string[] = []) {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger(level, sink) };
}
