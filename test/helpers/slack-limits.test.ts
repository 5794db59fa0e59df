import { describe, expect, it } from 'vitest';
import { assertSlackLimits, LIMITS, type SlackSurface, slackLimitProblems } from './slack-limits.js';

const x = (n: number): string => 'x'.repeat(n);
const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const button = (actionId: string, extra: Record<string, unknown> = {}) => ({
  type: 'button',
  text: plain('Go'),
  action_id: actionId,
  value: 'v',
  ...extra,
});
const section = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'section',
  text: mrkdwn(text),
  ...extra,
});

function validMessage() {
  return {
    text: 'Fallback text',
    blocks: [
      { type: 'header', text: plain('A header') },
      section('Some *mrkdwn*', { block_id: 'intro', accessory: button('more') }),
      { type: 'section', fields: [mrkdwn('one'), plain('two')] },
      { type: 'divider' },
      {
        type: 'actions',
        block_id: 'buttons',
        elements: [button('a'), button('b', { style: 'primary', url: 'https://example.com' })],
      },
      { type: 'context', elements: [mrkdwn('small print')] },
    ],
  };
}

function validModal() {
  return {
    type: 'modal',
    callback_id: 'question_modal',
    private_metadata: '{"s":"q"}',
    title: plain('Ask privately'),
    submit: plain('Ask'),
    close: plain('Close'),
    blocks: [
      section('Ask about conduct at work.'),
      {
        type: 'input',
        block_id: 'question',
        label: plain('Your question'),
        hint: plain('Only you see it'),
        element: {
          type: 'plain_text_input',
          action_id: 'question_text',
          multiline: true,
          max_length: 3000,
          placeholder: plain('e.g. coffee?'),
        },
      },
    ],
  };
}

function validHome() {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: plain('Conduct Nudge') },
      { type: 'actions', block_id: 'home_topics', elements: [button('topic:a'), button('topic:b')] },
    ],
  };
}

type Payload = Record<string, unknown> & { blocks: Record<string, unknown>[] };

/** A fresh valid payload of `kind`, changed by `edit`. */
function broken(kind: SlackSurface, edit: (p: Payload) => void): Payload {
  const base = kind === 'message' ? validMessage() : kind === 'modal' ? validModal() : validHome();
  const p = structuredClone(base) as unknown as Payload;
  edit(p);
  return p;
}

describe('slackLimitProblems: valid payloads pass', () => {
  it.each([
    ['message', validMessage()],
    ['modal', validModal()],
    ['home', validHome()],
  ] as const)('%s', (kind, payload) => {
    expect(slackLimitProblems(payload, kind)).toEqual([]);
    expect(() => assertSlackLimits(payload, kind)).not.toThrow();
  });

  it('accepts payloads exactly at the limits', () => {
    const payload = {
      text: x(LIMITS.messageText),
      blocks: [
        { type: 'header', text: plain(x(LIMITS.headerText)) },
        section(x(LIMITS.sectionText), { block_id: x(LIMITS.blockId) }),
        {
          type: 'section',
          fields: Array.from({ length: LIMITS.sectionFields }, () => mrkdwn(x(LIMITS.sectionFieldText))),
        },
        { type: 'context', elements: Array.from({ length: LIMITS.contextElements }, () => mrkdwn('c')) },
        {
          type: 'actions',
          elements: Array.from({ length: LIMITS.actionsElements }, (_, i) =>
            button(`${i}`.padStart(LIMITS.actionId, 'a'), {
              text: plain(x(LIMITS.buttonText)),
              value: x(LIMITS.buttonValue),
              url: `https://e.com/${x(LIMITS.buttonUrl - 14)}`,
            }),
          ),
        },
        ...Array.from({ length: LIMITS.messageBlocks - 5 }, () => ({ type: 'divider' })),
      ],
    };
    expect(slackLimitProblems(payload, 'message')).toEqual([]);
    const modal = broken('modal', (p) => {
      p.title = plain(x(LIMITS.modalTitle));
      p.submit = plain(x(LIMITS.modalButton));
      p.close = plain(x(LIMITS.modalButton));
      p.private_metadata = x(LIMITS.privateMetadata);
      p.callback_id = x(LIMITS.callbackId);
      p.blocks.push(
        ...Array.from({ length: LIMITS.viewBlocks - p.blocks.length }, () => ({ type: 'divider' })),
      );
    });
    expect(slackLimitProblems(modal, 'modal')).toEqual([]);
  });
});

type Case = [name: string, kind: SlackSurface, payload: unknown, expected: RegExp];

const cases: Case[] = [
  [
    'more than 50 blocks in a message',
    'message',
    broken('message', (p) => {
      p.blocks.push(...Array.from({ length: 45 }, () => ({ type: 'divider' })));
    }),
    /\$\.blocks: has 51 blocks, over Slack's limit of 50/,
  ],
  [
    'more than 100 blocks in a modal',
    'modal',
    broken('modal', (p) => {
      p.blocks.push(...Array.from({ length: 99 }, () => ({ type: 'divider' })));
    }),
    /\$\.blocks: has 101 blocks, over Slack's limit of 100/,
  ],
  [
    'more than 100 blocks in a home tab',
    'home',
    broken('home', (p) => {
      p.blocks.push(...Array.from({ length: 99 }, () => ({ type: 'divider' })));
    }),
    /\$\.blocks: has 101 blocks/,
  ],
  [
    'section text over 3,000',
    'message',
    broken('message', (p) => {
      p.blocks[1] = section(x(3001));
    }),
    /\$\.blocks\[1\]\.text\.text: is 3001 characters, over Slack's limit of 3000/,
  ],
  [
    'plain_text section text over 3,000',
    'home',
    broken('home', (p) => {
      p.blocks.push({ type: 'section', text: plain(x(3001)) });
    }),
    /\$\.blocks\[2\]\.text\.text: is 3001 characters/,
  ],
  [
    'more than 10 section fields',
    'message',
    broken('message', (p) => {
      p.blocks[2] = { type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) };
    }),
    /\$\.blocks\[2\]\.fields: has 11 fields, over Slack's limit of 10/,
  ],
  [
    'section field over 2,000',
    'message',
    broken('message', (p) => {
      p.blocks[2] = { type: 'section', fields: [mrkdwn('ok'), mrkdwn(x(2001))] };
    }),
    /\$\.blocks\[2\]\.fields\[1\]\.text: is 2001 characters/,
  ],
  [
    'section with neither text nor fields',
    'message',
    broken('message', (p) => {
      p.blocks[2] = { type: 'section' };
    }),
    /\$\.blocks\[2\]: section needs text or fields/,
  ],
  [
    'header text over 150',
    'message',
    broken('message', (p) => {
      p.blocks[0] = { type: 'header', text: plain(x(151)) };
    }),
    /\$\.blocks\[0\]\.text\.text: is 151 characters, over Slack's limit of 150/,
  ],
  [
    'mrkdwn header',
    'message',
    broken('message', (p) => {
      p.blocks[0] = { type: 'header', text: mrkdwn('*bold*') };
    }),
    /\$\.blocks\[0\]\.text\.type: must be "plain_text" here/,
  ],
  [
    'more than 10 context elements',
    'message',
    broken('message', (p) => {
      p.blocks[5] = { type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) };
    }),
    /\$\.blocks\[5\]\.elements: has 11 elements, over Slack's limit of 10/,
  ],
  [
    'empty context',
    'message',
    broken('message', (p) => {
      p.blocks[5] = { type: 'context', elements: [] };
    }),
    /\$\.blocks\[5\]\.elements: context needs 1 to 10 elements/,
  ],
  [
    'more than 25 elements in an actions block',
    'message',
    broken('message', (p) => {
      p.blocks[4] = { type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button(`b${i}`)) };
    }),
    /\$\.blocks\[4\]\.elements: has 26 elements, over Slack's limit of 25/,
  ],
  [
    'empty actions block',
    'home',
    broken('home', (p) => {
      p.blocks[1] = { type: 'actions', elements: [] };
    }),
    /\$\.blocks\[1\]\.elements: actions needs 1 to 25 elements/,
  ],
  [
    'button text over 75',
    'message',
    broken('message', (p) => {
      p.blocks[4] = { type: 'actions', elements: [button('a', { text: plain(x(76)) })] };
    }),
    /\$\.blocks\[4\]\.elements\[0\]\.text\.text: is 76 characters, over Slack's limit of 75/,
  ],
  [
    'mrkdwn button text',
    'message',
    broken('message', (p) => {
      p.blocks[4] = { type: 'actions', elements: [button('a', { text: mrkdwn('*Go*') })] };
    }),
    /\$\.blocks\[4\]\.elements\[0\]\.text\.type: must be "plain_text" here/,
  ],
  [
    'button value over 2,000',
    'message',
    broken('message', (p) => {
      p.blocks[4] = { type: 'actions', elements: [button('a', { value: x(2001) })] };
    }),
    /\$\.blocks\[4\]\.elements\[0\]\.value: is 2001 characters, over Slack's limit of 2000/,
  ],
  [
    'button url over 3,000',
    'message',
    broken('message', (p) => {
      p.blocks[4] = { type: 'actions', elements: [button('a', { url: `https://e.com/${x(3000)}` })] };
    }),
    /\$\.blocks\[4\]\.elements\[0\]\.url: is 3014 characters, over Slack's limit of 3000/,
  ],
  [
    'button with an unknown style',
    'message',
    broken('message', (p) => {
      p.blocks[4] = { type: 'actions', elements: [button('a', { style: 'secondary' })] };
    }),
    /\.style: must be "primary" or "danger"/,
  ],
  [
    'action_id over 255',
    'message',
    broken('message', (p) => {
      p.blocks[4] = { type: 'actions', elements: [button(x(256))] };
    }),
    /\$\.blocks\[4\]\.elements\[0\]\.action_id: is 256 characters, over Slack's limit of 255/,
  ],
  [
    'duplicate action_id within one block',
    'message',
    broken('message', (p) => {
      p.blocks[4] = { type: 'actions', elements: [button('same'), button('same')] };
    }),
    /\$\.blocks\[4\]\.elements\[1\]\.action_id: duplicate action_id "same" in one block/,
  ],
  [
    'same action_id in two blocks',
    'message',
    broken('message', (p) => {
      p.blocks[4] = { type: 'actions', elements: [button('more')] };
    }),
    /action_id "more" is used in several blocks: \$\.blocks\[1\], \$\.blocks\[4\]/,
  ],
  [
    'block_id over 255',
    'message',
    broken('message', (p) => {
      p.blocks[3] = { type: 'divider', block_id: x(256) };
    }),
    /\$\.blocks\[3\]\.block_id: is 256 characters, over Slack's limit of 255/,
  ],
  [
    'duplicate block_id',
    'message',
    broken('message', (p) => {
      p.blocks[3] = { type: 'divider', block_id: 'intro' };
    }),
    /\$\.blocks\[3\]\.block_id: duplicate block_id "intro" \(also at \$\.blocks\[1\]\)/,
  ],
  [
    'modal title over 24',
    'modal',
    broken('modal', (p) => {
      p.title = plain(x(25));
    }),
    /\$\.title\.text: is 25 characters, over Slack's limit of 24/,
  ],
  [
    'modal without a title',
    'modal',
    broken('modal', (p) => {
      delete p.title;
    }),
    /\$\.title: text object is required/,
  ],
  [
    'modal submit over 24',
    'modal',
    broken('modal', (p) => {
      p.submit = plain(x(25));
    }),
    /\$\.submit\.text: is 25 characters, over Slack's limit of 24/,
  ],
  [
    'modal close over 24',
    'modal',
    broken('modal', (p) => {
      p.close = plain(x(25));
    }),
    /\$\.close\.text: is 25 characters, over Slack's limit of 24/,
  ],
  [
    'modal with inputs but no submit',
    'modal',
    broken('modal', (p) => {
      delete p.submit;
    }),
    /\$\.submit: is required when the modal has input blocks/,
  ],
  [
    'private_metadata over 3,000',
    'modal',
    broken('modal', (p) => {
      p.private_metadata = x(3001);
    }),
    /\$\.private_metadata: is 3001 characters, over Slack's limit of 3000/,
  ],
  [
    'home private_metadata over 3,000',
    'home',
    broken('home', (p) => {
      p.private_metadata = x(3001);
    }),
    /\$\.private_metadata: is 3001 characters/,
  ],
  [
    'callback_id over 255',
    'modal',
    broken('modal', (p) => {
      p.callback_id = x(256);
    }),
    /\$\.callback_id: is 256 characters, over Slack's limit of 255/,
  ],
  [
    'input label over 2,000',
    'modal',
    broken('modal', (p) => {
      (p.blocks[1] as Record<string, unknown>).label = plain(x(2001));
    }),
    /\$\.blocks\[1\]\.label\.text: is 2001 characters, over Slack's limit of 2000/,
  ],
  [
    'input without a label',
    'modal',
    broken('modal', (p) => {
      delete (p.blocks[1] as Record<string, unknown>).label;
    }),
    /\$\.blocks\[1\]\.label: text object is required/,
  ],
  [
    'plain_text_input max_length over 3,000',
    'modal',
    broken('modal', (p) => {
      ((p.blocks[1] as Record<string, unknown>).element as Record<string, unknown>).max_length = 3001;
    }),
    /\$\.blocks\[1\]\.element\.max_length: is 3001, over Slack's limit of 3000/,
  ],
  [
    'placeholder over 150',
    'modal',
    broken('modal', (p) => {
      ((p.blocks[1] as Record<string, unknown>).element as Record<string, unknown>).placeholder = plain(
        x(151),
      );
    }),
    /\$\.blocks\[1\]\.element\.placeholder\.text: is 151 characters/,
  ],
  [
    'message fallback text over 40,000',
    'message',
    broken('message', (p) => {
      p.text = x(40_001);
    }),
    /\$\.text: is 40001 characters, over Slack's limit of 40000/,
  ],
  [
    'text object with an invalid type',
    'message',
    broken('message', (p) => {
      p.blocks[1] = { type: 'section', text: { type: 'markdown', text: 'hi' } };
    }),
    /\$\.blocks\[1\]\.text\.type: must be "plain_text" or "mrkdwn", got "markdown"/,
  ],
  [
    'text object with empty text',
    'message',
    broken('message', (p) => {
      p.blocks[5] = { type: 'context', elements: [mrkdwn('  ')] };
    }),
    /\$\.blocks\[5\]\.elements\[0\]\.text: must not be empty/,
  ],
  [
    'text object with no text',
    'message',
    broken('message', (p) => {
      p.blocks[1] = { type: 'section', text: { type: 'mrkdwn' } };
    }),
    /\$\.blocks\[1\]\.text\.text: must be a string/,
  ],
  [
    'emoji flag on mrkdwn',
    'message',
    broken('message', (p) => {
      p.blocks[1] = { type: 'section', text: { type: 'mrkdwn', text: 'hi', emoji: true } };
    }),
    /\$\.blocks\[1\]\.text\.emoji: is only allowed on plain_text/,
  ],
  [
    'unknown block type',
    'message',
    broken('message', (p) => {
      p.blocks[3] = { type: 'carousel' };
    }),
    /\$\.blocks\[3\]\.type: unknown block type "carousel"/,
  ],
  [
    'unknown element type',
    'message',
    broken('message', (p) => {
      p.blocks[4] = { type: 'actions', elements: [{ type: 'slider', action_id: 's' }] };
    }),
    /\$\.blocks\[4\]\.elements\[0\]\.type: unknown element type "slider"/,
  ],
  ['view of the wrong type', 'modal', broken('home', () => {}), /\$\.type: must be "modal", got "home"/],
  ['message with neither text nor blocks', 'message', {}, /\$: message needs text or blocks/],
  ['payload that is not an object', 'home', [], /\$: home payload must be an object/],
];

describe('slackLimitProblems: each check fires', () => {
  it.each(cases)('%s', (_name, kind, payload, expected) => {
    const problems = slackLimitProblems(payload, kind);
    expect(
      problems.some((p) => expected.test(p)),
      problems.join('\n') || '(no problems reported)',
    ).toBe(true);
    expect(() => assertSlackLimits(payload, kind)).toThrow(expected);
  });

  it('reports every problem, not just the first', () => {
    const payload = broken('message', (p) => {
      p.text = x(40_001);
      p.blocks[0] = { type: 'header', text: plain(x(151)) };
      p.blocks[3] = { type: 'carousel' };
    });
    expect(slackLimitProblems(payload, 'message')).toHaveLength(3);
  });

  it('allows action_id reuse across blocks when asked to', () => {
    const payload = broken('message', (p) => {
      p.blocks[4] = { type: 'actions', elements: [button('more')] };
    });
    expect(slackLimitProblems(payload, 'message', { allowActionIdReuseAcrossBlocks: true })).toEqual([]);
  });
});
