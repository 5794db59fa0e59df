import { renderText } from '../render/text.js';
import { HELP_OPTION, PACK_OPTION, parse } from './args.js';
import { engineFor } from './engine.js';
import { UsageError } from './errors.js';
import { COMMAND_HELP } from './help.js';
import { type Io, readAll, write } from './io.js';

const NAME = 'ask';

export async function ask(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(NAME, args, {
    ...PACK_OPTION,
    ...HELP_OPTION,
    json: { type: 'boolean' },
    explain: { type: 'boolean' },
  });
  if (values.help) {
    await write(io.stdout, COMMAND_HELP[NAME] as string);
    return 0;
  }
  let question: string;
  if (positionals.length > 0) question = positionals.join(' ');
  else if (!io.stdinIsTTY) question = await readAll(io.stdin);
  else throw new UsageError('missing question: ask "<question>", or pipe it in on stdin', NAME);
  question = question.trim();
  if (question === '') throw new UsageError('the question is empty', NAME);

  const engine = engineFor(NAME, values.pack);
  const { result, answer } = engine.answer(question);
  // The pack's strings ride along with every answer for rendering; they are not its content.
  const { ui: _strings, ...content } = answer;
  const output = values.json
    ? `${JSON.stringify({ result, answer: content }, null, 2)}\n`
    : renderText(answer, values.explain ? { explain: result } : {});
  await write(io.stdout, output);
  return 0;
}
