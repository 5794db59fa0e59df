import { existsSync } from 'node:fs';
import type { KnownBlock } from '@slack/types';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEngine } from '../../src/model-store.js';
import { mrkdwnToHtml } from '../../playground/mrkdwn.js';
import { answerBlocks, pinnedCardBlocks, topicCardBlocks } from '../../src/render/blocks/index.js';

/**
 * How answers look on a phone, measured in a real browser at 390 px. The stylesheet below is
 * fixed here, copied from Slack's mobile client (15 px text on 22 px lines, 18 px headers,
 * 13 px context, 36 px buttons that wrap, a 36 px avatar beside the message), so no change to
 * the app can pass by shrinking fonts: only fewer, shorter blocks make an answer shorter.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const ONE_SCREEN_PX = 900;

const STYLE = `
  * { box-sizing: border-box; margin: 0; }
  body { width: 390px; font: 15px/22px "DejaVu Sans", "Noto Sans", sans-serif; color: #1d1c1d; }
  .msg { display: flex; gap: 8px; padding: 8px 16px; }
  .avatar { flex: 0 0 36px; height: 36px; border-radius: 8px; background: #2c4a6e; }
  .body { flex: 1; min-width: 0; }
  .meta { font-weight: 700; line-height: 20px; }
  .only { font-size: 13px; line-height: 18px; color: #616061; }
  .h { font-size: 18px; line-height: 24px; font-weight: 700; margin-top: 8px; }
  .s { margin-top: 8px; overflow-wrap: anywhere; }
  .c { margin-top: 8px; font-size: 13px; line-height: 18px; color: #616061; }
  .a { margin-top: 8px; display: flex; flex-wrap: wrap; gap: 8px; }
  .b { display: inline-flex; align-items: center; height: 36px; padding: 0 12px; border: 1px solid #ccc;
       border-radius: 4px; font-weight: 700; white-space: nowrap; max-width: 100%; overflow: hidden; }
  .sel { display: flex; align-items: center; width: 100%; height: 40px; padding: 0 12px; border: 1px solid #ccc; border-radius: 4px; }
  blockquote { border-left: 4px solid #ddd; padding-left: 8px; }
`;

function blockHtml(block: KnownBlock): string {
  if (block.type === 'header') return `<div class="h">${mrkdwnToHtml(block.text.text)}</div>`;
  if (block.type === 'section') return `<div class="s">${mrkdwnToHtml(block.text?.text ?? '')}</div>`;
  if (block.type === 'context')
    return `<div class="c">${block.elements.map((e) => ('text' in e && typeof e.text === 'string' ? mrkdwnToHtml(e.text) : '')).join(' ')}</div>`;
  if (block.type === 'actions')
    return `<div class="a">${block.elements
      .map((e) =>
        e.type === 'button'
          ? `<span class="b" data-kind="button">${mrkdwnToHtml(e.text.text)}</span>`
          : `<span class="sel" data-kind="menu">${mrkdwnToHtml((e as { placeholder?: { text: string } }).placeholder?.text ?? '')} ▾</span>`,
      )
      .join('')}</div>`;
  return '';
}

function page(blocks: readonly KnownBlock[]): string {
  return `<!doctype html><meta charset="utf-8"><style>${STYLE}</style><div class="msg" id="msg"><div class="avatar"></div><div class="body"><div class="meta">Conduct Nudge <small>APP</small></div><div class="only">Only visible to you</div>${blocks.map(blockHtml).join('')}</div></div>`;
}

describe.skipIf(!hasChromium)('at phone width (390 px)', () => {
  const engine = loadEngine();
  let browser: Browser;
  let tab: Page;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    tab = await browser.newPage({ viewport: { width: 390, height: 844 } });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function height(blocks: readonly KnownBlock[]): Promise<number> {
    await tab.setContent(page(blocks));
    return tab.locator('#msg').evaluate((n) => n.getBoundingClientRect().height);
  }

  it('every guidance answer fits one screen', async () => {
    const heights: Array<{ id: string; px: number }> = [];
    for (const rule of engine.pack.rules) {
      const answer = engine.answerRule(rule.id);
      if (!answer || answer.kind === 'escalation') continue;
      heights.push({ id: rule.id, px: await height(answerBlocks(answer)) });
    }
    heights.sort((a, b) => a.px - b.px);
    const median = heights[heights.length >> 1]?.px ?? Infinity;
    console.info(
      `phone heights: median ${Math.round(median)} px, max ${Math.round(heights.at(-1)?.px ?? 0)} px (${heights.at(-1)?.id}), ${heights.filter((h) => h.px <= ONE_SCREEN_PX).length}/${heights.length} within ${ONE_SCREEN_PX} px`,
    );
    expect(median).toBeLessThanOrEqual(ONE_SCREEN_PX);
    for (const h of heights) expect(h.px, h.id).toBeLessThanOrEqual(ONE_SCREEN_PX);
  }, 60_000);

  it('the customer answer that took two screens now takes one', async () => {
    const answer = engine.answerRule('customer-ask-once');
    expect(answer).toBeDefined();
    expect(await height(answerBlocks(answer as NonNullable<typeof answer>))).toBeLessThanOrEqual(
      ONE_SCREEN_PX,
    );
  });

  it('an escalation shows a contact button on the first screen', async () => {
    const answer = engine.answerRule('unwanted-touching');
    expect(answer).toBeDefined();
    await tab.setContent(page(answerBlocks(answer as NonNullable<typeof answer>)));
    const top = await tab
      .locator('.b')
      .first()
      .evaluate((n) => n.getBoundingClientRect().top);
    expect(top).toBeLessThan(844);
  });

  it('the pinned card shows "Ask privately" first, on two rows of controls', async () => {
    await tab.setContent(page(pinnedCardBlocks(engine.pack, engine.pack.meta.defaultMenu ?? [])));
    const controls = await tab
      .locator('.b, .sel')
      .evaluateAll((nodes) =>
        nodes.map((n) => ({ text: n.textContent ?? '', top: n.getBoundingClientRect().top })),
      );
    expect(controls[0]?.text).toBe('Ask privately');
    expect(new Set(controls.map((c) => Math.round(c.top))).size).toBe(2);
    expect(await tab.locator('#msg').evaluate((n) => n.getBoundingClientRect().height)).toBeLessThanOrEqual(
      500,
    );
  });

  it('a topic card fits one screen', async () => {
    for (const topic of ['harassment-and-safety', 'dating-coworkers'] as const)
      expect(await height(topicCardBlocks(engine.topicCard(topic))), topic).toBeLessThanOrEqual(
        ONE_SCREEN_PX,
      );
  });
});
