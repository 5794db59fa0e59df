import { execFileSync, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Runs the built binary, as a user would after `npm ci && npm run build`. Questions are invented;
 * default-pack answers are checked for shape only (the pack changes), fixture-pack answers exactly.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = `${root}dist/cli.js`;
const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
const MINIMAL = fixture('packs/minimal');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', async () => {}); // the CLI may exit before reading all of it
    child.stdin.end(input ?? '');
  });
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(() => {
  // Build once. Type errors elsewhere in a shared checkout must not stop these tests: tsc still
  // emits, and `npm run typecheck` is where type errors are caught.
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    const buildInfo = `${root}node_modules/.cache/conduct-nudge-cli-test.tsbuildinfo`;
    // Incremental tsc does not notice a deleted dist/: start over when the binary is missing.
    if (!existsSync(cli)) rmSync(buildInfo, { force: true });
    execFileSync(
      process.execPath,
      [tsc, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', buildInfo],
      { cwd: root, stdio: 'pipe' },
    );
  } catch (error) {
    if (!existsSync(cli)) throw error;
  }
}, 120_000);

describe.concurrent('conduct-nudge ask', async () => {
  it('prints a readable answer from the fixture pack', async () => {
    const { code, stdout, stderr } = await run([
      'ask',
      'Is it OK to ask my customer out on a date?',
      '--pack',
      MINIMAL,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Fixture asking a customer out');
    expect(stdout).toContain('Fixture summary for dating a customer.');
    expect(stdout).toContain('  1. Fixture step one.\n  2. Fixture step two.');
    expect(stdout).toContain('You could say\n  Fixture script line.');
    expect(stdout).toContain('A no ends it: Fixture reminder: a no ends it.');
    expect(stdout).toContain('Fixture customer policy (F-1.2): https://example.com/policy/customers');
    expect(stdout).toMatch(/^Why: rule fixture-customer-date \(section F-1\.2\)/m);
    expect(stdout).toContain('Fixture notice: asking is not reporting.\nFixture notice: not legal advice.');
    expect(stdout.trimEnd().endsWith('Pack: Fixture minimal pack 0.3.1')).toBe(true);
    expect(stdout).not.toContain('Who can help');
    expect(stdout).not.toContain('Explain');
  });

  it('lists contacts for an escalation, urgent ones first', async () => {
    const { code, stdout } = await run(['ask', 'he tried to touch me at the staff party', '--pack', MINIMAL]);
    expect(code).toBe(0);
    const contacts = stdout.split('Who can help\n')[1]?.split('\n\n')[0]?.split('\n') ?? [];
    expect(contacts).toEqual([
      '  - Fixture emergency line: call 999',
      '  - Fixture EAP: call +44 800 000 000',
      '  - Fixture HR team: hr@example.com',
      '  - Fixture speak-up portal: open https://example.com/speak-up',
    ]);
  });

  it('--explain adds the matched rules, scores and signals', async () => {
    const { code, stdout } = await run([
      'ask',
      'I have a crush on a customer',
      '--pack',
      MINIMAL,
      '--explain',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('\nExplain\n');
    expect(stdout).toMatch(/^ {2}Topic: dating-customers \(confidence 0\.\d+\)$/m);
    expect(stdout).toMatch(/^ {2}Ranked topics: dating-customers 0\.\d+, /m);
    expect(stdout).toMatch(
      /^ {4}1\. fixture-customer-date \[dating-customers\] score 0\.\d+, policy F-1\.2$/m,
    );
    // What the safety layer noticed, in the pack's words; nothing of the question's own.
    const harm = await run(['ask', 'my boss keeps trying to touch me', '--pack', MINIMAL, '--explain']);
    expect(harm.stdout).toContain('signals: it mentions being touched without agreeing to it');
    expect(harm.stdout).not.toMatch(/signals:.*boss/);
  });

  it('--json prints {result, answer}', async () => {
    const { code, stdout } = await run(['ask', '--json', '--pack', MINIMAL, 'a client gave me a gift']);
    expect(code).toBe(0);
    const { result, answer } = JSON.parse(stdout);
    expect(result).toMatchObject({ topic: 'gifts-and-favors', escalate: false, relationship: 'customer' });
    expect(result.rules[0]).toMatchObject({ id: 'fixture-gifts' });
    expect(result).toMatchObject({ clarify: false, choices: [] });
    expect(answer).toMatchObject({
      kind: 'guidance',
      ruleId: 'fixture-gifts',
      title: 'Fixture gifts',
      pack: { name: 'Fixture minimal pack', version: '0.3.1' },
    });
  });

  it('answers with the default pack (structure only)', async () => {
    const { code, stdout } = await run(['ask', 'Can I ask out a regular customer who flirts with me?']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\nWhy: /);
    expect(stdout).toMatch(/\nPack: .+ \d+\.\d+\.\d+\n$/);
    const json = JSON.parse(
      (await run(['ask', '--json', 'my coworker keeps touching me after I said no'])).stdout,
    );
    expect(Object.keys(json).sort()).toEqual(['answer', 'result']);
    expect(typeof json.result.topic).toBe('string');
    expect(Array.isArray(json.answer.steps)).toBe(true);
  });

  it('reads the question from stdin when there is no argument', async () => {
    const { code, stdout } = await run(['ask', '--pack', MINIMAL], 'a client gave me a gift\n');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Fixture gifts');
  });

  it('an out-of-scope question gets the out-of-scope answer', async () => {
    const { code, stdout } = await run(['ask', 'When do I get paid this month?', '--pack', MINIMAL]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Not something I can help with');
    expect(stdout).toContain('Fixture HR team: hr@example.com');
  });

  it('an empty question is a usage error (exit 2)', async () => {
    for (const result of [await run(['ask', '   ']), await run(['ask'], '  \n')]) {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^conduct-nudge ask: the question is empty/);
    }
  });

  it('a bad --pack prints every issue and exits 1', async () => {
    const { code, stderr, stdout } = await run([
      'ask',
      'hello',
      '--pack',
      fixture('packs/bad-many-problems'),
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('is invalid (6 problems)');
    expect(stderr).toContain('pack.yaml:5 relationships.customer[0]: concepts ("@name") are gone');
    expect(stderr).toContain('rules/a.yaml:18 rules[1].reminders[0]: unknown reminder "be-nice"');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing --pack folder exits 1 with one line', async () => {
    const { code, stderr } = await run(['ask', 'hello', '--pack', fixture('packs/no-such-pack')]);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^Pack folder not found: /);
  });
});

describe.concurrent('conduct-nudge classify', async () => {
  it('writes one line per input, in order, with bad lines in the middle and blank lines skipped', async () => {
    const input = [
      JSON.stringify({ id: 'q1', text: 'Could I ask a client out for dinner?' }),
      '',
      'this is not json',
      JSON.stringify({ id: 'q2', text: 17 }),
      JSON.stringify({ id: 3 }),
      '   ',
      JSON.stringify({ id: 'q4', text: 'someone threatened me in the car park' }),
      JSON.stringify({ text: 'what is the holiday allowance?' }),
    ].join('\n');
    const { code, stdout, stderr } = await run(['classify', '--pack', MINIMAL], `${input}\n`);
    expect(code).toBe(0);
    expect(stderr).toMatch(/3 bad lines/);
    const out = jsonLines(stdout);
    expect(out.map((o) => o.id)).toEqual(['q1', null, 'q2', 3, 'q4', null]);
    expect(Object.keys(out[0] as object).sort()).toEqual(
      [
        'asker',
        'clarify',
        'confidence',
        'escalate',
        'id',
        'relationship',
        'ruleIds',
        'topic',
        'topics',
      ].sort(),
    );
    expect(out[0]).toMatchObject({
      id: 'q1',
      topic: 'dating-customers',
      escalate: false,
      relationship: 'customer',
    });
    expect((out[0] as { topics: string[] }).topics).toHaveLength(9);
    expect((out[0] as { ruleIds: string[] }).ruleIds[0]).toBe('fixture-customer-date');
    expect(typeof (out[0] as { clarify: unknown }).clarify).toBe('boolean');
    expect(out[1]).toEqual({ id: null, error: expect.stringMatching(/^line 3: not valid JSON/) });
    expect(out[2]).toEqual({ id: 'q2', error: 'line 4: "text" must be a string' });
    expect(out[3]).toEqual({ id: 3, error: 'line 5: missing "text"' });
    expect(out[4]).toMatchObject({
      topic: 'harassment-and-safety',
      escalate: true,
      ruleIds: ['fixture-harm'],
    });
    expect(out[5]).toMatchObject({ id: null, topic: 'out-of-scope', escalate: false, ruleIds: [] });
  });

  it('streams a large input, order preserved', async () => {
    const questions = [
      'Is it ok to date a customer?',
      'My manager threatened me in a meeting',
      'Can I accept a gift card from a client?',
      `How many days of leave do I have? ${'Asking for the summer. '.repeat(150)}`,
    ];
    const n = 2000;
    const input = Array.from({ length: n }, (_, i) =>
      JSON.stringify({ id: `id-${i}`, text: questions[i % questions.length] }),
    ).join('\n');
    const { code, stdout } = await run(['classify', '--pack', MINIMAL], input);
    expect(code).toBe(0);
    const out = jsonLines(stdout);
    expect(out).toHaveLength(n);
    expect(out.every((o, i) => o.id === `id-${i}`)).toBe(true);
    for (const o of out.slice(0, 4)) {
      expect(Object.keys(o)).toEqual([
        'id',
        'topic',
        'topics',
        'escalate',
        'ruleIds',
        'confidence',
        'relationship',
        'clarify',
        'asker',
      ]);
      expect((o.topics as string[])[0]).toBe(o.topic);
    }
    // Same question, same answer.
    expect(out[4]).toEqual({ ...out[0], id: 'id-4' });
  });

  it('rejects positional arguments (exit 2)', async () => {
    const { code, stderr } = await run(['classify', 'questions.jsonl']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^conduct-nudge classify: unexpected argument "questions.jsonl"/);
  });
});

describe.concurrent('conduct-nudge eval', async () => {
  const file = fixture('eval/labelled.jsonl');

  it('prints top-1, top-2, one-tap, clarify and escalation figures with intervals, per topic and a confusion table; reports bad lines', async () => {
    const { code, stdout, stderr } = await run(['eval', file, '--pack', MINIMAL]);
    expect(code).toBe(0);
    expect(stdout).toContain('Questions: 8 (3 bad lines skipped)');
    expect(stdout).toContain('95% Wilson intervals');
    expect(stdout).toMatch(/^real: 8 questions$/m);
    expect(stdout).toMatch(/^ {2}Top-1\s+\d+\.\d%\s+\[\d+\.\d–\d+\.\d\]\s+\(\d\/8\)$/m);
    for (const name of ['Top-2', 'One-tap', 'Clarify rate', 'Escalation recall', 'False escalation'])
      expect(stdout).toMatch(new RegExp(`^  ${name}\\s+\\d+\\.\\d%`, 'm'));
    expect(stdout).toMatch(/^ {2}Escalation recall\s+[\d.]+%\s+\[[\d.]+–[\d.]+\]\s+\(\d\/2 caught\)$/m);
    expect(stdout).toMatch(/^gifts-and-favors\s+2\s+/m);
    expect(stdout).toContain('Confusion (rows: expected, columns: predicted)');
    expect(stdout).toContain('Legend: DCu dating-customers,');
    expect(stderr.trim().split('\n')).toHaveLength(3);
    expect(stderr).toContain('labelled.jsonl:4: not valid JSON');
    expect(stderr).toContain('labelled.jsonl:12: "escalate" must be true or false');
  });

  it('--json gives the same numbers, and counts agree with the text', async () => {
    const [text, json] = await Promise.all([
      run(['eval', file, '--pack', MINIMAL]),
      run(['eval', file, '--pack', MINIMAL, '--json']),
    ]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({
      mode: 'file',
      total: 8,
      overall: { n: 8, escalationRecall: { n: 2 }, falseEscalation: { n: 6 } },
    });
    expect(Object.keys(report.sets)).toEqual(['real']);
    const { top1 } = report.overall;
    expect(top1.low).toBeLessThanOrEqual(top1.rate);
    expect(top1.high).toBeGreaterThanOrEqual(top1.rate);
    expect(text.stdout).toContain(`(${top1.hits}/8)`);
    const rows = Object.values(report.confusion as Record<string, Record<string, number>>);
    expect(rows.flatMap((row) => Object.values(row)).reduce((a, b) => a + b, 0)).toBe(8);
    expect(report.badLines.map((b: { line: number }) => b.line)).toEqual([4, 8, 12]);
  });

  it("--cv K cross-validates over the pack's own examples, grouped, real and invented apart", async () => {
    const { code, stdout } = await run(['eval', '--cv', '3', '--pack', MINIMAL, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ mode: 'cross-validation', folds: 3, total: 26 });
    expect(Object.keys(report.sets)).toEqual(['invented', 'invented (examples/questions.jsonl)']);
    const text = await run(['eval', '--cv', '3', '--pack', MINIMAL]);
    expect(text.stdout).toMatch(/^Grouped 3-fold cross-validation/);
    for (const bad of [
      ['--cv', '1'],
      ['--cv', 'x'],
      ['--cv', '3', 'file.jsonl'],
    ]) {
      const r = await run(['eval', ...bad, '--pack', MINIMAL]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('a missing file exits 1; a missing argument exits 2', async () => {
    expect((await run(['eval', fixture('eval/nope.jsonl')])).code).toBe(1);
    const missing = await run(['eval']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^conduct-nudge eval: missing FILE\.jsonl/);
  });
});

describe.concurrent('conduct-nudge validate-pack', async () => {
  it('summarises a valid pack (exit 0)', async () => {
    const { code, stdout } = await run(['validate-pack', MINIMAL]);
    expect(code).toBe(0);
    expect(stdout).toContain('OK: Fixture minimal pack 0.3.1 (en)');
    expect(stdout).toMatch(/^Rules: 4$/m);
    expect(stdout).toMatch(/^\s+harassment-and-safety\s+1\s+\(1 escalate\)$/m);
    expect(stdout).toMatch(/^Examples: 26 \(0 real, 26 invented\)$/m);
    expect(stdout).toMatch(/^Safety frames: 2, idiom guards: 1$/m);
    expect(stdout).toMatch(
      /^Model: trained in \d+\.\d s; out of fold, \d+ of 26 examples go to their own topic and rule$/m,
    );
    expect(stdout).toMatch(
      /^ {2}example \d+ of examples\/questions\.jsonl \(f\d+\) now goes to [a-z-]+(, rule [a-z-]+)?; labelled /m,
    );
    expect(stdout).toMatch(/^Thresholds: escalate [\d.]+, out of scope [\d.]+, clarify margin [\d.]+$/m);
    expect(stdout).toMatch(/^Model written: .*\.model\.json$/m);
    expect(stdout).toMatch(/^Reminders: 2 \(boundary-respect, discretion\)$/m);
  });

  it('summarises a pack that extends another', async () => {
    const { code, stdout } = await run(['validate-pack', fixture('packs/extends')]);
    expect(code).toBe(0);
    expect(stdout).toContain('Extends: ../base');
    expect(stdout).toMatch(/^Rules: 3$/m);
  });

  it('lists every error as file:line path: message (exit 1)', async () => {
    const { code, stdout, stderr } = await run(['validate-pack', fixture('packs/bad-many-problems')]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const issues = stderr.trim().split('\n').slice(1);
    expect(issues).toHaveLength(6);
    for (const line of issues) expect(line).toMatch(/^ {2}\S+\.yaml:\d+ \S+: .+/);
    expect(issues[0]).toMatch(
      /^ {2}pack\.yaml:5 relationships\.customer\[0\]: concepts \("@name"\) are gone/,
    );
  });

  // Training the default pack takes about 7 s alone; other test files share the two cores.
  it('the default pack validates', async () => {
    expect((await run(['validate-pack', `${root}packs/default`])).code).toBe(0);
  }, 90_000);
});

describe.concurrent('help and usage errors', async () => {
  it('--help and -h on the top level list the commands', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout } = await run([flag]);
      expect(code).toBe(0);
      for (const command of ['ask', 'classify', 'eval', 'validate-pack']) expect(stdout).toContain(command);
    }
  });

  it.each(['ask', 'classify', 'eval', 'validate-pack'])('%s --help', async (command) => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout } = await run([command, flag]);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: conduct-nudge ${command}`));
    }
  });

  it('unknown command, unknown flag and missing values exit 2 with one line, no stack', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /^conduct-nudge: missing command/],
      [['frobnicate'], /^conduct-nudge: unknown command "frobnicate"/],
      [['--frobnicate'], /^conduct-nudge: unknown option --frobnicate/],
      [['ask', 'hi', '--verbose'], /^conduct-nudge ask: unknown option --verbose/],
      [['classify', '-x'], /^conduct-nudge classify: unknown option -x/],
      [['ask', 'hi', '--pack'], /^conduct-nudge ask: option --pack needs a value/],
      [['ask', 'hi', '--json=yes'], /^conduct-nudge ask: option --json does not take a value/],
      [['validate-pack'], /^conduct-nudge validate-pack: missing pack folder DIR/],
    ];
    const runs = await Promise.all(cases.map(([args]) => run(args)));
    for (const [index, [args, message]] of cases.entries()) {
      const { code, stdout, stderr } = runs[index] as Run;
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
