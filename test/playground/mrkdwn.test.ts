import { describe, expect, it } from 'vitest';
import { emojify, escapeHtml, isSafeUrl, mrkdwnToHtml } from '../../playground/mrkdwn.js';

/** Tags the renderer may emit; anything else in its output is an injection. */
const ALLOWED_TAGS = new Set(['strong', 'em', 'del', 'code', 'a', 'span', 'blockquote', 'br']);

function tags(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => (m[1] as string).toLowerCase());
}

function attributes(html: string): string[] {
  return [...html.matchAll(/<[a-z]+((?:\s+[a-z-]+="[^"]*")*)\s*\/?>/g)].flatMap((m) =>
    [...(m[1] ?? '').matchAll(/([a-z-]+)="/g)].map((a) => a[1] as string),
  );
}

function expectSafe(html: string): void {
  for (const tag of tags(html)) expect(ALLOWED_TAGS, `unexpected <${tag}> in ${html}`).toContain(tag);
  for (const attr of attributes(html)) expect(['class', 'href', 'target', 'rel']).toContain(attr);
  // Unsafe schemes may show as text, never as a link target.
  expect(html).not.toMatch(/href="(?!https?:\/\/|mailto:)/i);
  expect(html).not.toMatch(/<[a-z]+[^>]*\son[a-z]+=/i);
}

describe('mrkdwnToHtml formatting', () => {
  it('renders bold, italics, strike and code', () => {
    expect(mrkdwnToHtml('*bold* _it_ ~gone~ `x = 1`')).toBe(
      '<strong>bold</strong> <em>it</em> <del>gone</del> <code>x = 1</code>',
    );
  });

  it('leaves markers inside words and code alone', () => {
    expect(mrkdwnToHtml('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
    expect(mrkdwnToHtml('`*not bold*`')).toBe('<code>*not bold*</code>');
  });

  it('renders links with labels, bare links and mailto', () => {
    expect(mrkdwnToHtml('<https://example.com/policy|the policy>')).toBe(
      '<a class="mk-link" href="https://example.com/policy" target="_blank" rel="noopener noreferrer">the policy</a>',
    );
    expect(mrkdwnToHtml('<https://example.com>')).toContain('>https://example.com</a>');
    expect(mrkdwnToHtml('<mailto:hr@example.com|hr@example.com>')).toContain('href="mailto:hr@example.com"');
  });

  it('keeps Slack entities, which mean the same in HTML', () => {
    expect(mrkdwnToHtml('a &lt;b&gt; &amp; c')).toBe('a &lt;b&gt; &amp; c');
    expect(mrkdwnToHtml('<https://x.test/?a=1&amp;b=2|q>')).toContain('href="https://x.test/?a=1&amp;b=2"');
  });

  it('renders quotes, bullets, numbered lines and line breaks', () => {
    expect(mrkdwnToHtml('*You could say:*\n>"Hi"\n>second')).toBe(
      '<strong>You could say:</strong><blockquote class="mk-quote">&quot;Hi&quot;<br>second</blockquote>',
    );
    expect(mrkdwnToHtml('*Who to contact*\n• *HR* · call 555')).toBe(
      '<strong>Who to contact</strong><span class="mk-li mk-bullet">• <strong>HR</strong> · call 555</span>',
    );
    expect(mrkdwnToHtml('1. one\n2. _two_')).toBe(
      '<span class="mk-li mk-number">1. one</span><span class="mk-li mk-number">2. <em>two</em></span>',
    );
    expect(mrkdwnToHtml('line one\nline two')).toBe('line one<br>line two');
  });

  it('renders mentions and emoji', () => {
    expect(mrkdwnToHtml('<@U1>', { users: { U1: 'Harper' } })).toBe(
      '<span class="mk-mention">@Harper</span>',
    );
    expect(mrkdwnToHtml('<!subteam^S1|@hr-admins>')).toBe('<span class="mk-mention">@hr-admins</span>');
    expect(mrkdwnToHtml(':pushpin: *A no ends it.*')).toBe('📌 <strong>A no ends it.</strong>');
    expect(emojify(':not_an_emoji:')).toBe(':not_an_emoji:');
    expect(emojify(':constructor: :__proto__: :tostring:')).toBe(':constructor: :__proto__: :tostring:');
  });
});

describe('mrkdwnToHtml injection attempts', () => {
  const attacks = [
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '<javascript:alert(1)|click me>',
    '<JavaScript:alert(1)>',
    '< javascript:alert(1)|x>',
    '<data:text/html;base64,PHNjcmlwdD4=|x>',
    '<https://ok.test" onmouseover="alert(1)|x>',
    "<https://ok.test' onmouseover='alert(1)|x>",
    '<https://ok.test|"><img src=x onerror=alert(1)>>',
    '*<b onclick=alert(1)>*',
    '`<svg onload=alert(1)>`',
    '>"><svg/onload=alert(1)>',
    '• <iframe src=https://evil.test>',
    '<https://ok.test|x\u0001' + '0\u0001>',
    '\u00010\u0001<https://ok.test|a>',
    '&#106;avascript:alert(1)',
    '<java&#115;cript:alert(1)|x>',
    '<@U1|"><img src=x onerror=alert(1)>>',
    '<#C1|<b>x</b>>',
    '_<style>*{display:none}</style>_',
  ];

  for (const attack of attacks) {
    it(`neutralises ${JSON.stringify(attack)}`, () => {
      expectSafe(mrkdwnToHtml(attack));
      expectSafe(mrkdwnToHtml(`*${attack}*\n>${attack}\n• ${attack}`));
    });
  }

  it('shows question text as text', () => {
    const html = mrkdwnToHtml('<img src=x onerror=alert(1)>');
    expect(html).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('never links an unsafe scheme', () => {
    expect(mrkdwnToHtml('<javascript:alert(1)|click me>')).toBe('click me');
    expect(isSafeUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeUrl('https://ok.test/x')).toBe(true);
    expect(isSafeUrl('mailto:a@b.test')).toBe(true);
    expect(isSafeUrl('https://ok.test/a b')).toBe(false);
  });

  it('escapes quotes for attributes', () => {
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });
});
