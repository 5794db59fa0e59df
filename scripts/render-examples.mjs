// Prints what each surface shows, rendered from the app's real Block Kit, for the README.
// Usage: npm run -s build && node scripts/render-examples.mjs
import { loadEngine } from '../dist/model-store.js';
import {
  answerBlocks,
  helpBlocks,
  homeView,
  pinnedCardBlocks,
  privacyBlocks,
  topicCardBlocks,
  topicsBlocks,
} from '../dist/render/blocks/index.js';

const engine = loadEngine();
const pack = engine.pack;

function textOf(t) {
  return (t?.text ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
function render(blocks) {
  const out = [];
  for (const b of blocks) {
    if (b.type === 'header') out.push(`## ${textOf(b.text)}`);
    else if (b.type === 'section') out.push(textOf(b.text));
    else if (b.type === 'context') out.push(b.elements.map((e) => `  ${textOf(e)}`).join('\n'));
    else if (b.type === 'actions')
      out.push(
        b.elements
          .map((e) =>
            e.type === 'static_select'
              ? `[${textOf(e.placeholder)} ▾: ${e.options.map((o) => textOf(o.text)).join(' / ')}]`
              : `[${textOf(e.text)}]`,
          )
          .join(' '),
      );
    else if (b.type === 'input') out.push(`${textOf(b.label)}: [____________]`);
    else if (b.type === 'divider') out.push('---');
  }
  return out.join('\n');
}
const show = (title, blocks) => console.log(`\n### ${title}\n\n\`\`\`text\n${render(blocks)}\n\`\`\``);

const sample = process.argv[2];
if (!sample || sample === 'answer')
  show(
    '/conduct Can I ask a customer out for coffee?',
    answerBlocks(engine.answer('Can I ask a customer out for coffee?').answer),
  );
if (!sample || sample === 'who')
  show(
    '"Who is it?" → A coworker (on a customer answer)',
    answerBlocks(engine.answerRule('customer-ask-once', 'coworker')),
  );
if (!sample || sample === 'why')
  show(
    '"Why this answer?" tapped',
    answerBlocks(engine.answer('Can I ask a customer out for coffee?').answer, { why: true }),
  );
if (!sample || sample === 'thanks')
  show(
    '"Helpful" tapped',
    answerBlocks(engine.answer('Can I ask a customer out for coffee?').answer, { feedbackGiven: true }),
  );
if (!sample || sample === 'topic')
  show('Topic button: Harassment and safety', topicCardBlocks(engine.topicCard('harassment-and-safety')));
if (!sample || sample === 'topics') show('/conduct topics', topicsBlocks(pack));
if (!sample || sample === 'escalation')
  show(
    '/conduct My manager keeps touching me after I told him to stop',
    answerBlocks(engine.answer('My manager keeps touching me after I told him to stop').answer),
  );
if (!sample || sample === 'help') show('/conduct help', helpBlocks(pack));
if (!sample || sample === 'privacy') show('/conduct privacy', privacyBlocks(pack));
if (!sample || sample === 'card') show('HR-pinned card', pinnedCardBlocks(pack, pack.meta.defaultMenu ?? []));
if (!sample || sample === 'home') show('App Home', homeView(pack).blocks);
if (!sample || sample === 'oos')
  show('/conduct How do I ask for a raise?', answerBlocks(engine.answer('How do I ask for a raise?').answer));
