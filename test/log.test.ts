import { describe, expect, it } from 'vitest';
import { boltLogger, boltMessageKind, errorFields } from '../src/log.js';
import { captureLogs } from './helpers/log-capture.js';

const capture = () => captureLogs('trace');

describe('logger', () => {
  it('keeps only allow-listed fields', () => {
    const { lines, logger } = capture();
    logger.info(
      { surface: 'dm', topic: 'boundaries', text: 'secret question', user: 'U0CANARY', body: { a: 1 } },
      'request',
    );
    const out = lines.join('');
    expect(out).toContain('"surface":"dm"');
    expect(out).not.toMatch(/secret question|U0CANARY|"body"/);
  });

  it('logs errors by kind and Slack code only, never message or stack', () => {
    const error = Object.assign(new Error('failed for U0CANARY with text hello'), {
      code: 'slack_webapi_platform_error',
      data: { error: 'not_in_channel', response_metadata: { x: 'U0CANARY' } },
    });
    expect(errorFields(error)).toEqual({ errorKind: 'Error', errorCode: 'not_in_channel' });
    expect(errorFields({ code: 'has spaces and U0CANARY' })).toEqual({ errorKind: 'Error' });
  });

  it('reduces Bolt messages to their kind, dropping any value', () => {
    expect(boltMessageKind(['An incoming event was not acknowledged within 3 seconds'])).toBe(
      'An incoming event was not acknowledged within',
    );
    expect(
      boltMessageKind(['Unhandled HTTP request (POST) made to /slack/events', { body: 'U0CANARY' }]),
    ).toBe('Unhandled HTTP request');
    expect(boltMessageKind([{ text: 'only an object' }])).toBe('bolt');
    const { lines, logger } = capture();
    boltLogger(logger).error('Failed: {"user":"U0CANARY"}', new Error('text canary'));
    expect(lines.join('')).not.toMatch(/CANARY|canary/);
  });
});
