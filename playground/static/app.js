/* global document, window, EventSource, HTMLElement, requestAnimationFrame */
// The playground page: a small Slack drawn from the playground server's state, pushed over
// Server-Sent Events. Text only ever reaches the DOM through textContent, or through the
// mrkdwn renderer, which escapes everything before it adds its own tags.
import { emojify, isSafeUrl, mrkdwnToHtml } from './mrkdwn.js';

// The app's shortcuts, read by the server from manifest.yml (what Slack would show).
const shortcuts = (type) => (ui.snapshot?.shortcuts ?? []).filter((s) => s.type === type);

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(window.location.search);
const ui = {
  snapshot: null,
  channel: 'C0GENERAL',
  tab: 'messages',
  messagesKey: '',
  homeKey: '',
  modalKey: '',
  callsKey: '',
  seenNotices: new Set(),
  openThreads: new Set(),
};
if (params.get('log') === '0') $('app').classList.add('no-log');

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function post(path, body) {
  try {
    const res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    if (!res.ok) toast(`The playground refused that (${res.status}).`);
  } catch {
    toast('Lost the playground server. Is `npm run demo` still running?');
  }
}

function toast(text) {
  const node = el('div', 'toast', text);
  $('toasts').append(node);
  window.setTimeout(() => node.remove(), 6000);
}

function userName(id) {
  return ui.snapshot?.people?.[id]?.name ?? id;
}

function mentionNames() {
  const out = {};
  for (const [id, p] of Object.entries(ui.snapshot?.people ?? {})) out[id] = p.name;
  return out;
}

function dmId() {
  return ui.snapshot?.channels?.find((c) => c.kind === 'im')?.id ?? 'DM';
}

function setMrkdwn(node, text) {
  // Safe: mrkdwnToHtml escapes all text first and only emits its own tags and vetted hrefs.
  node.innerHTML = mrkdwnToHtml(String(text ?? ''), { users: mentionNames() });
  return node;
}

function textObject(obj, className) {
  const node = el('span', className);
  if (!obj) return node;
  if (obj.type === 'mrkdwn') return setMrkdwn(node, obj.text);
  node.textContent = obj.emoji === false ? String(obj.text ?? '') : emojify(String(obj.text ?? ''));
  return node;
}

/* ---------- Block Kit ---------- */

function renderButton(element, ctx, blockId) {
  const label = emojify(String(element.text?.text ?? ''));
  const style = element.style === 'primary' || element.style === 'danger' ? ` ${element.style}` : '';
  let node;
  if (typeof element.url === 'string' && isSafeUrl(element.url)) {
    node = el('a', `btn${style}`, label);
    node.href = element.url;
    node.target = '_blank';
    node.rel = 'noopener noreferrer';
    node.append(el('span', 'ext', ' ↗'));
  } else {
    node = el('button', `btn${style}`, label);
    node.type = 'button';
  }
  node.dataset.actionId = String(element.action_id ?? '');
  node.addEventListener('click', () => {
    // Slack sends block_actions for link buttons too; the link itself opens in a new tab.
    const body = { blockId, actionId: element.action_id };
    if (ctx.viewId) post('/ui/action', { ...body, viewId: ctx.viewId, values: collectValues(ctx.root) });
    else post('/ui/action', { ...body, channel: ctx.channel, ts: ctx.ts });
    if (node.tagName === 'BUTTON') {
      node.disabled = true;
      window.setTimeout(() => (node.disabled = false), 600);
    }
  });
  return node;
}

/** A static menu, as Slack draws it: one row; picking an option sends block_actions. */
function renderSelect(element, ctx, blockId) {
  const node = el('select', 'btn select');
  node.dataset.actionId = String(element.action_id ?? '');
  const placeholder = el('option', '', emojify(String(element.placeholder?.text ?? 'Choose')));
  placeholder.value = '';
  placeholder.disabled = true;
  placeholder.selected = true;
  node.append(placeholder);
  (element.options ?? []).forEach((option, index) => {
    const item = el('option', '', emojify(String(option.text?.text ?? '')));
    item.value = String(index);
    node.append(item);
  });
  node.addEventListener('change', () => {
    const body = { blockId, actionId: element.action_id, selected: Number(node.value) };
    if (ctx.viewId) post('/ui/action', { ...body, viewId: ctx.viewId, values: collectValues(ctx.root) });
    else post('/ui/action', { ...body, channel: ctx.channel, ts: ctx.ts });
  });
  return node;
}

function renderElement(element, ctx, blockId) {
  if (element?.type === 'button') return renderButton(element, ctx, blockId);
  if (element?.type === 'static_select') return renderSelect(element, ctx, blockId);
  return el('span', 'unsupported', `[${String(element?.type ?? 'element')}]`);
}

function renderInput(block, ctx) {
  const wrap = el('div', 'input-block');
  const id = `in-${block.block_id}`;
  const label = el('label', 'input-label', emojify(String(block.label?.text ?? '')));
  label.htmlFor = id;
  if (block.optional) label.append(el('span', 'optional', ' (optional)'));
  wrap.append(label);
  const element = block.element ?? {};
  let field;
  if (element.type === 'plain_text_input') {
    field = element.multiline ? el('textarea', 'field') : el('input', 'field');
    if (!element.multiline) field.type = 'text';
    if (element.multiline) field.rows = 4;
    if (element.max_length) field.maxLength = element.max_length;
    if (element.placeholder?.text) field.placeholder = String(element.placeholder.text);
    if (element.initial_value) field.value = String(element.initial_value);
    field.id = id;
    field.dataset.blockId = String(block.block_id);
    field.dataset.actionId = String(element.action_id);
  } else if (element.type === 'radio_buttons') {
    field = el('div', 'radios');
    field.id = id;
    (element.options ?? []).forEach((option, index) => {
      const row = el('label', 'radio');
      const radio = el('input', '');
      radio.type = 'radio';
      radio.name = id;
      radio.value = String(option.value ?? '');
      radio.dataset.blockId = String(block.block_id);
      radio.dataset.actionId = String(element.action_id);
      radio.id = `${id}-${index}`;
      row.append(radio, el('span', '', emojify(String(option.text?.text ?? ''))));
      field.append(row);
    });
  } else {
    field = el('div', 'unsupported', `[${String(element.type)}]`);
  }
  wrap.append(field);
  if (block.hint) wrap.append(textObject(block.hint, 'hint'));
  const error = ctx.errors?.[block.block_id];
  if (error) {
    wrap.classList.add('has-error');
    wrap.append(el('div', 'input-error', String(error)));
  }
  return wrap;
}

function renderBlock(block, ctx) {
  const blockId = String(block.block_id ?? '');
  switch (block.type) {
    case 'header':
      return el('div', 'b-header', emojify(String(block.text?.text ?? '')));
    case 'section': {
      const node = el('div', 'b-section');
      const main = el('div', 'b-section-main');
      if (block.text) main.append(textObject(block.text, 'mk'));
      if (Array.isArray(block.fields)) {
        const fields = el('div', 'b-fields');
        for (const field of block.fields) fields.append(textObject(field, 'mk b-field'));
        main.append(fields);
      }
      node.append(main);
      if (block.accessory) {
        const accessory = el('div', 'b-accessory');
        accessory.append(renderElement(block.accessory, ctx, blockId));
        node.append(accessory);
      }
      return node;
    }
    case 'context': {
      const node = el('div', 'b-context');
      for (const element of block.elements ?? []) {
        if (element.type === 'image' && isSafeUrl(String(element.image_url ?? ''))) {
          const img = el('img', 'b-context-img');
          img.src = element.image_url;
          img.alt = String(element.alt_text ?? '');
          node.append(img);
        } else node.append(textObject(element, 'mk b-context-item'));
      }
      return node;
    }
    case 'divider':
      return el('hr', 'b-divider');
    case 'actions': {
      const node = el('div', 'b-actions');
      node.dataset.blockId = blockId;
      for (const element of block.elements ?? []) node.append(renderElement(element, ctx, blockId));
      return node;
    }
    case 'input':
      return renderInput(block, ctx);
    case 'image': {
      if (!isSafeUrl(String(block.image_url ?? ''))) return el('div', 'unsupported', '[image]');
      const img = el('img', 'b-image');
      img.src = block.image_url;
      img.alt = String(block.alt_text ?? '');
      return img;
    }
    default:
      return el('div', 'unsupported', `[unsupported block: ${String(block.type)}]`);
  }
}

function renderBlocks(blocks, ctx) {
  const node = el('div', 'blocks');
  ctx.root = ctx.root ?? node;
  for (const block of blocks ?? []) node.append(renderBlock(block, ctx));
  return node;
}

function collectValues(root) {
  const values = {};
  const scope = root?.closest?.('.modal, .home') ?? root ?? document;
  for (const field of scope.querySelectorAll('[data-block-id][data-action-id]')) {
    if (!('value' in field)) continue;
    if (field.type === 'radio' && !field.checked) continue;
    values[field.dataset.blockId] = {
      ...(values[field.dataset.blockId] ?? {}),
      [field.dataset.actionId]: field.value,
    };
  }
  return values;
}

/* ---------- Messages ---------- */

function initials(name) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0].toUpperCase())
    .join('');
}

function timeOf(at) {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function renderMessage(message, replies) {
  const node = el('article', 'msg');
  node.dataset.ts = message.ts;
  node.dataset.user = message.user;
  if (message.ephemeral) {
    node.classList.add('ephemeral');
    node.dataset.ephemeral = 'true';
  }
  if (message.pinned) node.classList.add('pinned');
  const isBot = Boolean(message.botId);
  const avatar = el('div', `avatar${isBot ? ' bot' : ''}`, isBot ? 'CN' : initials(userName(message.user)));
  avatar.dataset.user = message.user;
  const body = el('div', 'msg-body');
  if (message.pinned) body.append(el('div', 'pin-note', '📌 Pinned by Conduct Nudge'));
  const head = el('div', 'msg-head');
  head.append(el('strong', 'msg-name', userName(message.user)));
  if (isBot) head.append(el('span', 'app-badge', 'APP'));
  head.append(el('span', 'msg-time', timeOf(message.at)));
  if (message.edited) head.append(el('span', 'msg-time', '(edited)'));
  body.append(head);
  const ctx = { channel: message.channel, ts: message.ts };
  if (Array.isArray(message.blocks) && message.blocks.length > 0)
    body.append(renderBlocks(message.blocks, ctx));
  else body.append(setMrkdwn(el('div', 'mk msg-text'), message.text));
  if (message.ephemeral) {
    const foot = el('div', 'ephemeral-note');
    foot.append(el('span', 'eye', '👁 Only visible to you'));
    const dismiss = el('button', 'link-button', 'Dismiss message');
    dismiss.type = 'button';
    dismiss.addEventListener('click', () => post('/ui/dismiss', { ts: message.ts }));
    foot.append(dismiss);
    body.append(foot);
  }
  if (replies.length > 0) {
    const thread = el('div', 'thread');
    thread.dataset.threadTs = message.ts;
    thread.append(
      el('div', 'thread-count', `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`),
    );
    for (const reply of replies) thread.append(renderMessage(reply, []));
    body.append(thread);
  }
  node.append(avatar, body);
  if (!message.ephemeral) node.append(hoverMenu(message));
  return node;
}

function hoverMenu(message) {
  const wrap = el('div', 'hover-actions');
  const more = el('button', 'hover-button', '⋮');
  more.type = 'button';
  more.title = 'More actions';
  more.setAttribute('aria-label', 'More actions');
  const menu = el('div', 'menu hover-menu');
  menu.hidden = true;
  menu.setAttribute('role', 'menu');
  menu.append(el('div', 'menu-title', 'Conduct Nudge'));
  for (const shortcut of shortcuts('message')) {
    const item = el('button', 'menu-item', shortcut.name);
    item.type = 'button';
    item.title = shortcut.description;
    item.setAttribute('role', 'menuitem');
    item.dataset.shortcut = shortcut.callback_id;
    item.addEventListener('click', () => {
      menu.hidden = true;
      post('/ui/message-shortcut', {
        callbackId: shortcut.callback_id,
        channel: message.channel,
        ts: message.ts,
      });
    });
    menu.append(item);
  }
  more.addEventListener('click', (event) => {
    event.stopPropagation();
    closeMenus(menu);
    menu.hidden = !menu.hidden;
  });
  wrap.append(more, menu);
  return wrap;
}

function closeMenus(except) {
  for (const menu of document.querySelectorAll('.menu')) if (menu !== except) menu.hidden = true;
}

function renderMessages() {
  const snap = ui.snapshot;
  const list = $('messages');
  const inChannel = snap.messages.filter((m) => m.channel === ui.channel);
  const key = JSON.stringify([ui.channel, inChannel, snap.people]);
  if (key === ui.messagesKey) return;
  ui.messagesKey = key;
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  list.replaceChildren();
  const intro = el('div', 'channel-intro');
  if (ui.channel === dmId()) {
    intro.append(el('div', 'intro-title', 'Conduct Nudge'));
    intro.append(
      el(
        'div',
        'intro-text',
        'Ask a question here and the answer arrives in a thread. This conversation is only between you and the app.',
      ),
    );
  } else {
    intro.append(el('div', 'intro-title', '# general'));
    intro.append(
      el(
        'div',
        'intro-text',
        'Everyone is here. Hover a message for “Get a private nudge”; the pinned card answers privately.',
      ),
    );
  }
  list.append(intro);
  const top = inChannel.filter(
    (m) => !m.threadTs || !inChannel.some((p) => p.ts === m.threadTs && !p.threadTs),
  );
  for (const message of top) {
    const replies = inChannel.filter((m) => m.threadTs === message.ts && m !== message);
    list.append(renderMessage(message, replies));
  }
  if (atBottom || list.dataset.channel !== ui.channel) list.scrollTop = list.scrollHeight;
  list.dataset.channel = ui.channel;
}

/* ---------- Home, modal, log ---------- */

function renderHome() {
  const home = ui.snapshot.home;
  const key = JSON.stringify([home?.id, home?.hash]);
  if (key === ui.homeKey) return;
  ui.homeKey = key;
  const area = $('home');
  area.replaceChildren();
  if (!home) {
    area.append(el('div', 'empty', 'Opening App Home…'));
    return;
  }
  const ctx = { viewId: home.id };
  const blocks = renderBlocks(home.blocks, ctx);
  ctx.root = area;
  area.append(blocks);
}

function renderModal() {
  const modal = ui.snapshot.modal;
  const backdrop = $('modal-backdrop');
  const key = JSON.stringify(modal ? [modal.view.id, modal.view.hash, modal.errors] : null);
  if (key === ui.modalKey) return;
  ui.modalKey = key;
  if (!modal) {
    backdrop.hidden = true;
    $('modal-body').replaceChildren();
    return;
  }
  // Keep what the person typed when only the errors change.
  const typed = collectValues($('modal'));
  const view = modal.view;
  backdrop.hidden = false;
  $('modal').dataset.viewId = view.id;
  $('modal-title').textContent = emojify(String(view.title?.text ?? ''));
  const ctx = { viewId: view.id, errors: modal.errors, root: $('modal') };
  $('modal-body').replaceChildren(renderBlocks(view.blocks, ctx));
  for (const field of $('modal-body').querySelectorAll('[data-block-id][data-action-id]')) {
    const value = typed[field.dataset.blockId]?.[field.dataset.actionId];
    if (value && modal.errors && Object.keys(modal.errors).length > 0) field.value = value;
  }
  $('modal-close').textContent = String(view.close?.text ?? 'Cancel');
  const submit = $('modal-submit');
  submit.hidden = !view.submit;
  submit.textContent = String(view.submit?.text ?? 'Submit');
  submit.disabled = false;
  const first = $('modal-body').querySelector('textarea, input');
  if (first) requestAnimationFrame(() => first.focus());
}

function renderCalls() {
  const calls = ui.snapshot.calls;
  const key = String(calls[calls.length - 1]?.id ?? 0);
  if (key === ui.callsKey) return;
  ui.callsKey = key;
  const list = $('calls');
  list.replaceChildren();
  for (const call of [...calls].reverse()) {
    const item = el('li', `call ${call.direction}${call.ok ? '' : ' failed'}`);
    const details = el('details');
    const summary = el('summary');
    summary.append(el('span', 'call-dir', call.direction === 'to-app' ? '→' : '←'));
    summary.append(el('span', 'call-method', call.method));
    summary.append(el('span', 'call-detail', call.detail ?? ''));
    details.append(summary);
    details.addEventListener('toggle', () => {
      if (details.open && !details.querySelector('pre'))
        details.append(el('pre', 'call-body', JSON.stringify(call.body, null, 2)));
    });
    item.dataset.method = call.method;
    item.append(details);
    list.append(item);
  }
}

function renderChrome() {
  const snap = ui.snapshot;
  $('me-name').textContent = userName(snap.me);
  $('as-admin').checked = snap.me === 'U0HRADMIN';
  $('pack-label').textContent = `Pack: ${snap.packLabel}`;
  for (const button of document.querySelectorAll('[data-nav]')) {
    const id = button.dataset.nav === 'DM' ? dmId() : button.dataset.nav;
    button.classList.toggle('active', id === ui.channel);
  }
  const isDm = ui.channel === dmId();
  const title = $('channel-title');
  title.textContent = isDm ? 'Conduct Nudge' : '# general';
  $('tabs').hidden = !isDm;
  for (const tab of document.querySelectorAll('[data-tab]'))
    tab.classList.toggle('active', tab.dataset.tab === ui.tab);
  const showHome = isDm && ui.tab === 'home';
  $('home').hidden = !showHome;
  $('messages').hidden = showHome;
  $('composer-area').hidden = showHome;
  $('composer').placeholder = isDm ? 'Message Conduct Nudge' : 'Message #general';
  const pinned = snap.messages.filter((m) => m.channel === ui.channel && m.pinned);
  const bar = $('pinned-bar');
  bar.hidden = pinned.length === 0 || showHome;
  bar.textContent = `📌 ${pinned.length} pinned`;
}

function render() {
  if (!ui.snapshot) return;
  renderChrome();
  renderShortcutsMenu();
  renderMessages();
  if (ui.channel === dmId() && ui.tab === 'home') renderHome();
  renderModal();
  renderCalls();
  for (const notice of ui.snapshot.notices ?? []) {
    if (ui.seenNotices.has(notice.id)) continue;
    ui.seenNotices.add(notice.id);
    if (Date.now() - notice.at < 10_000) toast(notice.text);
  }
  document.body.dataset.version = String(ui.snapshot.version);
}

/* ---------- Wiring ---------- */

function go(channel, tab = 'messages') {
  ui.channel = channel;
  ui.tab = tab;
  ui.messagesKey = '';
  if (channel === dmId() && tab === 'home') {
    ui.homeKey = '';
    post('/ui/home');
  }
  render();
}

for (const button of document.querySelectorAll('[data-nav]')) {
  button.addEventListener('click', () => go(button.dataset.nav === 'DM' ? dmId() : button.dataset.nav));
}
for (const tab of document.querySelectorAll('[data-tab]')) {
  tab.addEventListener('click', () => go(dmId(), tab.dataset.tab));
}

function sendComposer() {
  const box = $('composer');
  const text = box.value;
  if (!text.trim()) return;
  box.value = '';
  post('/ui/send', { channel: ui.channel, text });
}
$('send').addEventListener('click', sendComposer);
$('composer').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    sendComposer();
  }
});

const shortcutsMenu = $('shortcuts-menu');
function renderShortcutsMenu() {
  const list = shortcuts('global');
  const key = JSON.stringify(list);
  if (shortcutsMenu.dataset.key === key) return;
  shortcutsMenu.dataset.key = key;
  shortcutsMenu.replaceChildren(el('div', 'menu-title', 'Conduct Nudge'));
  for (const shortcut of list) {
    const item = el('button', 'menu-item');
    item.type = 'button';
    item.setAttribute('role', 'menuitem');
    item.dataset.shortcut = shortcut.callback_id;
    item.append(el('span', 'menu-name', shortcut.name), el('span', 'menu-desc', shortcut.description));
    item.addEventListener('click', () => {
      shortcutsMenu.hidden = true;
      post('/ui/shortcut', { callbackId: shortcut.callback_id });
    });
    shortcutsMenu.append(item);
  }
}
$('shortcuts-button').addEventListener('click', (event) => {
  event.stopPropagation();
  closeMenus(shortcutsMenu);
  shortcutsMenu.hidden = !shortcutsMenu.hidden;
});
document.addEventListener('click', (event) => {
  if (!(event.target instanceof HTMLElement) || !event.target.closest('.menu')) closeMenus();
});

function closeModal() {
  const viewId = $('modal').dataset.viewId;
  if (viewId) post('/ui/close', { viewId });
}
$('modal-x').addEventListener('click', closeModal);
$('modal-close').addEventListener('click', closeModal);
$('modal-submit').addEventListener('click', () => {
  const viewId = $('modal').dataset.viewId;
  $('modal-submit').disabled = true;
  post('/ui/submit', { viewId, values: collectValues($('modal')) }).finally(() => {
    $('modal-submit').disabled = false;
  });
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !$('modal-backdrop').hidden) closeModal();
});
$('log-toggle').addEventListener('click', () => $('app').classList.toggle('no-log'));

const events = new EventSource('/ui/events');
events.addEventListener('state', (event) => {
  ui.snapshot = JSON.parse(event.data);
  if (ui.channel === 'DM') ui.channel = dmId();
  render();
});
events.addEventListener('error', () => {
  document.body.dataset.connection = 'lost';
});
events.addEventListener('open', () => {
  document.body.dataset.connection = 'open';
});

const start = params.get('view');
if (start === 'dm') go('DM');
else if (start === 'home') go('DM', 'home');

$('as-admin').addEventListener('change', (event) => post('/ui/as', { admin: event.target.checked }));
