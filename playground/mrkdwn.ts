/**
 * Slack mrkdwn → HTML for the playground page. Pure and DOM-free: the server ships the compiled
 * module to the browser as is, and the unit tests run it under Node.
 *
 * Safety: every piece of text is HTML-escaped before any markup is added, link targets must be
 * http, https or mailto, and the only tags in the output are the ones made here. Slack's own
 * entities (&amp; &lt; &gt;) are kept, since they mean the same thing in HTML.
 */

export interface MrkdwnOptions {
  /** Display names for <@U…> mentions. */
  users?: Readonly<Record<string, string>>;
}

const EMOJI: Readonly<Record<string, string>> = {
  pushpin: '📌',
  warning: '⚠️',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  wave: '👋',
  bulb: '💡',
  lock: '🔒',
  speech_balloon: '💬',
  sos: '🆘',
  telephone_receiver: '📞',
  phone: '📞',
  email: '📧',
  link: '🔗',
  information_source: 'ℹ️',
  point_right: '👉',
  thumbsup: '👍',
  '+1': '👍',
  thumbsdown: '👎',
  '-1': '👎',
  heart: '❤️',
  shield: '🛡️',
  zap: '⚡',
  house: '🏠',
  mag: '🔍',
  handshake: '🤝',
  gift: '🎁',
  no_entry: '⛔',
  rotating_light: '🚨',
};

/** Slack's three entities, which are also valid HTML and safe to keep. */
const KEPT_ENTITY = /^&(amp|lt|gt);/;

/** Escapes text for HTML element content and quoted attributes, keeping Slack's entities. */
export function escapeHtml(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '&') out += KEPT_ENTITY.test(text.slice(i, i + 5)) ? '&' : '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&#39;';
    else out += ch;
  }
  return out;
}

/** Replaces known :shortcodes: with emoji; unknown ones stay as typed. */
export function emojify(text: string): string {
  return text.replace(/:([a-z0-9_+-]{1,40}):/g, (whole, name: string) =>
    Object.hasOwn(EMOJI, name) ? (EMOJI[name] as string) : whole,
  );
}

/** The placeholder marks cannot come from input: control characters are removed first. */
const MARK = '\u0001';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const PLACEHOLDER = new RegExp(`${MARK}(\\d+)${MARK}`, 'g');

const SAFE_URL = /^(https?:\/\/|mailto:)[^\s]+$/i;

export function isSafeUrl(url: string): boolean {
  return SAFE_URL.test(url);
}

function renderLinkToken(inner: string, options: MrkdwnOptions): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? '' : inner.slice(bar + 1);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    const name = label || options.users?.[id] || id;
    return `<span class="mk-mention">@${escapeHtml(name.replace(/^@/, ''))}</span>`;
  }
  if (target.startsWith('#')) {
    return `<span class="mk-mention">#${escapeHtml((label || target.slice(1)).replace(/^#/, ''))}</span>`;
  }
  if (target.startsWith('!')) {
    const special = target.slice(1);
    const name = label || (special.startsWith('subteam^') ? 'group' : special);
    return `<span class="mk-mention">@${escapeHtml(name.replace(/^@/, ''))}</span>`;
  }
  // Entities in the URL decode to their characters inside the href attribute, as in Slack.
  if (isSafeUrl(target)) {
    const text = label || target.replace(/^mailto:/i, '');
    return `<a class="mk-link" href="${escapeHtml(target)}" target="_blank" rel="noopener noreferrer">${escapeHtml(text)}</a>`;
  }
  // Anything else (javascript:, data:, a bare word) is shown as text and never becomes a link.
  return label ? escapeHtml(label) : escapeHtml(`<${inner}>`);
}

/** Applies one inline style whose markers sit at word boundaries, as Slack does. */
function style(html: string, marker: string, tag: string): string {
  const m = `\\${marker}`;
  const re = new RegExp(`(^|[^\\w${m}])${m}([^\\s${m}](?:[^${m}\\n]*?[^\\s${m}])?)${m}(?=$|[^\\w${m}])`, 'g');
  return html.replace(re, (_whole, before: string, body: string) => `${before}<${tag}>${body}</${tag}>`);
}

function renderInline(line: string, options: MrkdwnOptions): string {
  const tokens: string[] = [];
  const hold = (html: string) => `${MARK}${tokens.push(html) - 1}${MARK}`;

  // Links, mentions: <target|label>. Taken from the raw text before anything is escaped.
  let text = line.replace(/<([^<>\n]{1,2000})>/g, (_whole, inner: string) =>
    hold(renderLinkToken(inner, options)),
  );
  text = escapeHtml(text);
  // Code spans: their contents get no further formatting.
  text = text.replace(/`([^`\n]+)`/g, (_whole, code: string) => hold(`<code>${code}</code>`));
  text = emojify(text);
  text = style(text, '*', 'strong');
  text = style(text, '_', 'em');
  text = style(text, '~', 'del');
  for (let guard = 0; guard < 3 && text.includes(MARK); guard++) {
    text = text.replace(PLACEHOLDER, (_whole, index: string) => tokens[Number(index)] ?? '');
  }
  return text;
}

type Line = { kind: 'quote' | 'bullet' | 'number' | 'plain'; html: string };

/** Renders Slack mrkdwn as safe HTML. */
export function mrkdwnToHtml(input: string, options: MrkdwnOptions = {}): string {
  const text = String(input ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '');
  const lines: Line[] = text.split('\n').map((raw) => {
    if (raw.startsWith('>')) return { kind: 'quote', html: renderInline(raw.slice(1), options) };
    if (/^\s*[•◦▪]\s/.test(raw)) return { kind: 'bullet', html: renderInline(raw, options) };
    if (/^\s*\d{1,3}[.)]\s/.test(raw)) return { kind: 'number', html: renderInline(raw, options) };
    return { kind: 'plain', html: renderInline(raw, options) };
  });

  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (line.kind === 'quote') {
      const quoted: string[] = [];
      while (i < lines.length && (lines[i] as Line).kind === 'quote') quoted.push((lines[i++] as Line).html);
      i--;
      out.push(`<blockquote class="mk-quote">${quoted.join('<br>')}</blockquote>`);
    } else if (line.kind === 'bullet' || line.kind === 'number') {
      out.push(`<span class="mk-li mk-${line.kind}">${line.html}</span>`);
    } else {
      const next = lines[i + 1];
      const breakAfter = next !== undefined && next.kind === 'plain';
      out.push(breakAfter ? `${line.html}<br>` : line.html);
    }
  }
  return out.join('');
}
