import { TOPICS } from '../engine/index.js';
import { buildModel, ModelError, writeModel } from '../model-store.js';
import { loadPackFromYaml, type Pack, PackError } from '../pack/load.js';
import { safetyLint } from '../pack/safety-lint.js';
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
  const real = pack.examples.filter((e) => !e.invented).length;
  lines.push(`Examples: ${pack.examples.length} (${real} real, ${pack.examples.length - real} invented)`);
  lines.push(`Safety frames: ${pack.safety.frames.length}, idiom guards: ${pack.safety.guards.length}`);
  lines.push(`Reminders: ${pack.reminders.size} (${[...pack.reminders.keys()].join(', ')})`);
  return `${lines.join('\n')}\n`;
}

export async function validatePack(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(NAME, args, { ...HELP_OPTION, verbose: { type: 'boolean' } });
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
  for (const warning of safetyLint(pack.safety)) await write(io.stdout, `Safety: ${warning}\n`);
  const started = Date.now();
  let built: ReturnType<typeof buildModel>;
  try {
    built = buildModel(pack);
  } catch (error) {
    if (error instanceof ModelError) throw new CliError(error.message, 1);
    throw error;
  }
  const { model, outOfFold } = built;
  const moved = pack.examples.flatMap((example, i) => {
    const now = outOfFold[i];
    const where = example.line
      ? `example ${example.line} of ${example.file}`
      : `example ${example.id} of ${example.file}`;
    const goesTo = now ? `${now.label}${now.rule ? `, rule ${now.rule}` : ''}` : '';
    const wrongRule = Boolean(
      example.rule && now?.rule && now.label === example.topic && now.rule !== example.rule,
    );
    return now && (now.label !== example.topic || wrongRule)
      ? [
          `  ${where} (${example.id}) now goes to ${goesTo}; labelled ${example.topic}${example.rule ? `, rule ${example.rule}` : ''}`,
        ]
      : [];
  });
  const scored = outOfFold.filter(Boolean).length;
  await write(
    io.stdout,
    `Model: trained in ${((Date.now() - started) / 1000).toFixed(1)} s; out of fold, ${scored - moved.length} of ${scored} examples go to their own topic and rule\n`,
  );
  const shown = values.verbose ? moved : moved.slice(0, 20);
  if (shown.length > 0) await write(io.stdout, `${shown.join('\n')}\n`);
  if (shown.length < moved.length)
    await write(io.stdout, `  (${moved.length - shown.length} more: --verbose lists them all)\n`);
  const t = model.thresholds;
  await write(
    io.stdout,
    `Thresholds: escalate ${t.escalate}, out of scope ${t.outOfScope}, clarify margin ${t.clarifyMargin}\n`,
  );
  await write(io.stdout, `Model written: ${writeModel(pack, model)}\n`);
  return 0;
}
