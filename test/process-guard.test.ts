import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installProcessGuards } from '../src/process-guard.js';

describe('process guards', () => {
  it.each(['uncaughtException', 'unhandledRejection'])(
    'logs the kind and code of an %s, never its message, and exits 1',
    (name) => {
      const target = new EventEmitter();
      const lines: unknown[] = [];
      const exits: number[] = [];
      installProcessGuards(
        { fatal: (obj: unknown) => lines.push(obj) } as never,
        (c) => exits.push(c),
        target as never,
      );
      const error = Object.assign(new TypeError('text from a payload: I was touched'), { code: 'ERR_X' });
      target.emit(name, error);
      expect(exits).toEqual([1]);
      expect(JSON.stringify(lines)).toContain('TypeError');
      expect(JSON.stringify(lines)).toContain('ERR_X');
      expect(JSON.stringify(lines)).not.toContain('touched');
    },
  );
});
