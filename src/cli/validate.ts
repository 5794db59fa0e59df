import { TOPICS } from '../engine/index.js';
import { compilePackSnapshot, loadPackFromYaml, type Pack, PackError } from '../pack/load.js';
import { HELP_OPTION, onePositional, parse } from './args.js';
import { packErrorText } from './engine.js';
import { CliError } from './errors.js';
import { COMMAND_HELP } from './help.js';
import { type Io, write } from './io.js';

const NAME = 'validate-pack';

export function packSummary(pack: Pack): string {
  const lines = [`OK: ${pack.meta.name} ${pack.meta.version} (${pack.meta.language})`];
  if (pack.meta.extends) lines.push(`Extends: ${pack.meta.extends}`);
  lines.push(`Rules: ${pack.rules.length}`);
  const width = Math.max(...TOPICS.map((t) => t.length));
  for (const topic of TOPICS) {
    const rules = pack.rules.filter((r) => r.topic === topic);
    if (rules.length === 0) continue;
    const escalating = rules.filter((r) => r.escalate).length;
    lines.push(
      `  ${topic.padEnd(width)}  ${String(rules.length).padStart(3)}${escalating ? `  (${escalating} escalate)` : ''}`,
    );
  }
  const missing = TOPICS.filter((t) => t !== 'out-of-scope' && !pack.rules.some((r) => r.topic === t));
  if (missing.length > 0) lines.push(`  no rules for: ${missing.join(', ')}`);
  lines.push(
    `Concepts: ${pack.concepts.size}${pack.concepts.size ? ` (${[...pack.concepts.keys()].join(', ')})` : ''}`,
  );
  lines.push(`Reminders: ${pack.reminders.size} (${[...pack.reminders.keys()].join(', ')})`);
  return `${lines.join('\n')}\n`;
}

export async function validatePack(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(NAME, args, { ...HELP_OPTION, snapshot: { type: 'boolean' } });
  if (values.help) {
    await write(io.stdout, COMMAND_HELP[NAME] as string);
    return 0;
  }
  const dir = onePositional(NAME, positionals, 'pack folder DIR');
  let pack: Pack;
  try {
    pack = loadPackFromYaml(dir);
  } catch (error) {
    if (error instanceof PackError) throw new CliError(packErrorText(error), 1);
    throw error;
  }
  await write(io.stdout, packSummary(pack));
  if (values.snapshot) await write(io.stdout, `Snapshot: ${compilePackSnapshot(dir)}\n`);
  return 0;
}
