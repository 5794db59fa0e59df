/**
 * The Dockerfile, linted with dockerfile-utils and checked for the structure the image relies on:
 * multi-stage, production-only dependencies, a non-root user, a health check that needs no curl,
 * no secrets baked in, and a final stage that carries only dist/, node_modules/, packs/ and
 * package.json. scripts/docker-steps.sh replays the build steps themselves (slow; run in CI).
 */
import { readFileSync } from 'node:fs';
import {
  type Copy,
  DockerfileParser,
  type Env,
  type Instruction,
  type PropertyInstruction,
} from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { START_COMMAND } from './helpers/start-command.js';

const CMD_JSON = `[${START_COMMAND.map((arg) => JSON.stringify(arg)).join(', ')}]`;

const DOCKERFILE = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
const DOCKERIGNORE = readFileSync(new URL('../.dockerignore', import.meta.url), 'utf8');
const BASE_IMAGE = 'node:20-bookworm-slim';
/** The shell expansion the health check uses for the port, as written in the Dockerfile. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, not a JS template
const SHELL_PORT = '${PORT:-3000}';
/** glibc's allocator settings the image runs the app with (the benchmark reads the same lines). */
const ALLOCATOR_ENV = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
  MALLOC_TRIM_THRESHOLD_: '131072',
};
/** LSP DiagnosticSeverity.Error, the severity dockerfile-utils gives errors. */
const ERROR_SEVERITY = 1;
const SECRETISH = /TOKEN|SECRET|KEY|PASSWORD|PASSWD|CREDENTIAL|xox[abpre]-|xapp-/i;

/** Error-severity lint diagnostics, as `line N: message` strings. */
function lintErrors(content: string): string[] {
  return validate(content)
    .filter((d) => d.severity === ERROR_SEVERITY)
    .map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
}

interface Stage {
  name: string | null;
  image: string | null;
  instructions: Instruction[];
}

function stagesOf(content: string): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(content).getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const args = instruction.getArguments().map((a) => a.getValue());
      const as = args.findIndex((a) => a.toUpperCase() === 'AS');
      stages.push({
        name: as >= 0 ? (args[as + 1] ?? null) : null,
        image: args[0] ?? null,
        instructions: [],
      });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

const of = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.getKeyword() === keyword);
const argsOf = (i: Instruction) => i.getArguments().map((a) => a.getValue());
const runs = (stage: Stage) => of(stage, 'RUN').map((i) => i.getArgumentsContent() ?? '');

interface CopyStep {
  from: string | null;
  sources: string[];
  dest: string;
}

function copiesOf(stage: Stage): CopyStep[] {
  return of(stage, 'COPY').map((i) => {
    const args = argsOf(i);
    return {
      from:
        (i as Copy)
          .getFlags()
          .find((f) => f.getName() === 'from')
          ?.getValue() ?? null,
      sources: args.slice(0, -1),
      dest: args.at(-1) ?? '',
    };
  });
}

/** The last path segment, without trailing slashes: `/src/dist/` -> `dist`. */
const baseName = (path: string) => path.replace(/\/+$/, '').split('/').at(-1) ?? path;

/** Every structural rule the Dockerfile breaks; empty when it is as the image needs. */
function structureProblems(content: string): string[] {
  const problems: string[] = [];
  const stages = stagesOf(content);
  if (stages.length < 3) problems.push(`expected build, deps and runtime stages, found ${stages.length}`);
  for (const stage of stages) {
    if (stage.image !== BASE_IMAGE)
      problems.push(`stage ${stage.name} is FROM ${stage.image}, not ${BASE_IMAGE}`);
  }

  const names = stages.map((s) => s.name);
  stages.forEach((stage, index) => {
    for (const copy of copiesOf(stage)) {
      if (copy.from !== null && !names.slice(0, index).includes(copy.from)) {
        problems.push(`COPY --from=${copy.from} in stage ${stage.name} names no earlier stage`);
      }
    }
  });

  const build = stages.find((s) => s.name === 'build');
  if (!build) problems.push('no stage named build');
  else {
    if (!runs(build).some((r) => /^npm ci\b/.test(r) && !r.includes('--omit=dev'))) {
      problems.push('build stage must run npm ci with dev dependencies');
    }
    if (!runs(build).some((r) => r.includes('npm run build')))
      problems.push('build stage must run npm run build');
    const copied = copiesOf(build).flatMap((c) => c.sources.map(baseName));
    // npm run build bundles with scripts/bundle.mjs.
    for (const need of [
      'package.json',
      'package-lock.json',
      'tsconfig*.json',
      'bundle.mjs',
      'src',
      'packs',
    ]) {
      if (!copied.includes(need)) problems.push(`build stage must COPY ${need}`);
    }
  }

  const deps = stages.find((s) => s.name === 'deps');
  if (!deps) problems.push('no stage named deps');
  else if (!runs(deps).some((r) => /^npm ci\b.*--omit=dev/.test(r))) {
    problems.push('deps stage must run npm ci --omit=dev');
  }

  const final = stages.at(-1);
  if (!final) return problems;
  const env = new Map(
    of(final, 'ENV').flatMap((i) =>
      (i as Env).getProperties().map((p) => [p.getName(), p.getValue()] as const),
    ),
  );
  if (env.get('NODE_ENV') !== 'production') problems.push('final stage must set NODE_ENV=production');
  for (const [name, value] of Object.entries(ALLOCATOR_ENV))
    if (env.get(name) !== value) problems.push(`final stage must set ${name}=${value}`);

  const user = of(final, 'USER').at(-1);
  const userName = user ? (argsOf(user)[0] ?? '') : '';
  if (!user) problems.push('final stage must switch to a non-root USER');
  else if (/^(root|0)(:|$)/.test(userName)) problems.push(`final stage runs as root (USER ${userName})`);

  const workdir = of(final, 'WORKDIR').at(-1);
  if (!workdir || argsOf(workdir)[0] !== '/app') problems.push('final stage WORKDIR must be /app');

  if (!of(final, 'EXPOSE').some((i) => argsOf(i).includes('3000')))
    problems.push('final stage must EXPOSE 3000');

  const health = of(final, 'HEALTHCHECK').at(-1)?.getArgumentsContent() ?? '';
  if (!/\bCMD\s+node\b/.test(health)) problems.push('HEALTHCHECK must run node');
  if (!health.includes('/healthz') || !health.includes(SHELL_PORT)) {
    problems.push(`HEALTHCHECK must GET http://127.0.0.1:${SHELL_PORT}/healthz`);
  }
  if (/\b(curl|wget)\b/.test(health)) problems.push('HEALTHCHECK must not need curl or wget');

  const cmd = of(final, 'CMD').at(-1)?.getArgumentsContent() ?? '';
  let cmdJson: unknown = null;
  try {
    cmdJson = JSON.parse(cmd);
  } catch {
    // reported below
  }
  if (JSON.stringify(cmdJson) !== JSON.stringify(START_COMMAND)) {
    problems.push(`CMD must be ${JSON.stringify(START_COMMAND)} (npm start), got ${cmd}`);
  }

  const finalCopies = copiesOf(final);
  const carried = finalCopies.flatMap((c) => c.sources.map(baseName));
  const allowed = ['dist', 'node_modules', 'packs', 'package.json'];
  for (const item of carried) {
    if (!allowed.includes(item))
      problems.push(`final stage copies ${item}; only ${allowed.join(', ')} belong there`);
  }
  for (const item of allowed) {
    if (!carried.includes(item)) problems.push(`final stage must copy ${item}`);
  }
  const fromStage = (item: string) => finalCopies.find((c) => c.sources.map(baseName).includes(item))?.from;
  if (carried.includes('node_modules') && fromStage('node_modules') !== 'deps') {
    problems.push('final stage must take node_modules from the production-only deps stage');
  }
  if (carried.includes('dist') && fromStage('dist') !== 'build')
    problems.push('final stage must take dist from build');
  if (of(final, 'ADD').length > 0) problems.push('final stage must not ADD anything');

  for (const stage of stages) {
    for (const i of [...of(stage, 'ENV'), ...of(stage, 'ARG')]) {
      for (const p of (i as PropertyInstruction).getProperties()) {
        if (SECRETISH.test(p.getName()) || SECRETISH.test(p.getValue() ?? '')) {
          problems.push(`${i.getKeyword()} ${p.getName()} looks like a secret; pass it at run time instead`);
        }
      }
    }
  }
  return problems;
}

describe('Dockerfile', () => {
  it('lints clean with dockerfile-utils (no error diagnostics)', () => {
    expect(lintErrors(DOCKERFILE)).toEqual([]);
  });

  it('has the structure the image relies on', () => {
    expect(structureProblems(DOCKERFILE)).toEqual([]);
  });

  it('holds no tokens or secrets anywhere', () => {
    const lines = DOCKERFILE.split('\n').filter((l) => !l.trim().startsWith('#'));
    expect(
      lines.filter((l) => /xox[abpre]-|xapp-|SLACK_(BOT_TOKEN|SIGNING_SECRET|APP_TOKEN)/.test(l)),
    ).toEqual([]);
  });

  it('.dockerignore keeps the build context small and secret-free', () => {
    const rules = DOCKERIGNORE.split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const rule of ['node_modules', 'dist', '.git', 'test', 'coverage', 'bench', '.env', '.env.*']) {
      expect(rules, `.dockerignore should list ${rule}`).toContain(rule);
    }
    // Nothing the Dockerfile copies may be ignored.
    for (const needed of [
      'src',
      'packs',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
    ]) {
      expect(rules, `.dockerignore must not ignore ${needed}`).not.toContain(needed);
    }
  });
});

describe('the Dockerfile checks bite', () => {
  const edit = (from: RegExp | string, to: string) => {
    const changed = DOCKERFILE.replace(from, to);
    expect(changed, `edit ${from} did not apply`).not.toBe(DOCKERFILE);
    return changed;
  };

  it.each([
    ['a FROM with no image', edit(/^FROM node:20-bookworm-slim AS deps$/m, 'FROM')],
    ['an EXPOSE with a bad port', edit(/^EXPOSE 3000$/m, 'EXPOSE http')],
    ['a HEALTHCHECK with a bad duration', edit('--interval=30s', '--interval=often')],
    ['an unknown instruction', edit(/^USER node$/m, 'RUNAS node')],
  ])('the linter reports %s', (_name, broken) => {
    expect(lintErrors(broken).length).toBeGreaterThan(0);
  });

  it('gives the benchmark the allocator settings the image runs with', async () => {
    const benchStart = new URL('../bench/lib/start-command.mjs', import.meta.url).href;
    const { START_ENV } = (await import(/* @vite-ignore */ benchStart)) as { START_ENV: unknown };
    expect(START_ENV).toEqual(ALLOCATOR_ENV);
  });

  it.each<[string, string, RegExp]>([
    ['a single-stage build', `FROM ${BASE_IMAGE}\nCMD ${CMD_JSON}\n`, /found 1/],
    ['no USER', edit(/^USER node\n/m, ''), /non-root USER/],
    ['USER root', edit(/^USER node$/m, 'USER root'), /runs as root/],
    ['no NODE_ENV', edit(/^ENV NODE_ENV=production\n/m, ''), /NODE_ENV=production/],
    ['no allocator settings', edit(/^ENV MALLOC_[^\n]*\n/m, ''), /MALLOC_ARENA_MAX=2/],
    [
      'a baked-in token',
      edit(/^ENV NODE_ENV=production$/m, 'ENV NODE_ENV=production SLACK_BOT_TOKEN=xoxb-1'),
      /secret/,
    ],
    [
      'a secret build arg',
      edit(/^WORKDIR \/app$/m, 'ARG API_KEY\nWORKDIR /app'),
      /ARG API_KEY looks like a secret/,
    ],
    ['copying the whole context', edit(/^COPY package.json \.\/$/m, 'COPY . ./'), /copies \./],
    ['copying src into the final stage', edit(/^USER node$/m, 'COPY src/ ./src/\nUSER node'), /copies src/],
    [
      'dev node_modules from the build stage',
      edit('--from=deps /deps/node_modules', '--from=build /src/node_modules'),
      /production-only deps stage/,
    ],
    ['no production-only install', edit('npm ci --omit=dev', 'npm ci'), /npm ci --omit=dev/],
    ['no HEALTHCHECK', edit(/^HEALTHCHECK[^\n]*\\\n[^\n]*\n/m, ''), /HEALTHCHECK must run node/],
    [
      'a curl health check',
      edit('CMD node -e', `CMD curl -f http://127.0.0.1:${SHELL_PORT}/healthz || node -e`),
      /curl/,
    ],
    ['a shell-form CMD', edit(`CMD ${CMD_JSON}`, `CMD ${START_COMMAND.join(' ')}`), /CMD must be/],
    [
      'a different base image',
      edit('FROM node:20-bookworm-slim AS runtime', 'FROM node:20 AS runtime'),
      /not node:20/,
    ],
    [
      'a COPY from an unknown stage',
      edit('--from=build /src/dist', '--from=builder /src/dist'),
      /names no earlier stage/,
    ],
  ])('the structure check catches %s', (_name, broken, expected) => {
    expect(structureProblems(broken).join('\n')).toMatch(expected);
  });
});
