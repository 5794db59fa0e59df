import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layout the architecture asks for, checked on the imports themselves: the engine is pure
 * and knows no Slack; the pack does not import the engine; rendering does not import the
 * listeners; and no module imports itself round a cycle.
 */
const SRC = fileURLToPath(new URL('../src', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'static' ? [] : files(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

const graph = new Map<string, string[]>();
for (const file of files(SRC)) {
  const text = readFileSync(file, 'utf8');
  const targets = [...text.matchAll(/^(?:import|export)[^'"]*from\s+'(\.[^']+)'/gm)].map((m) =>
    resolve(dirname(file), (m[1] as string).replace(/\.js$/, '.ts')),
  );
  graph.set(file, targets);
}
const area = (file: string) => relative(SRC, file).split('/')[0]?.replace(/\.ts$/, '') ?? '';

describe('layout', () => {
  it.each([
    ['engine', ['render', 'listeners', 'slack', 'http', 'app', 'playground']],
    ['pack', ['engine', 'render', 'listeners', 'slack', 'http', 'app']],
    ['render', ['listeners', 'http', 'app']],
    ['listeners', ['app', 'http']],
  ])('%s imports none of %j', (from, forbidden) => {
    const bad: string[] = [];
    for (const [file, targets] of graph)
      if (area(file) === from)
        for (const target of targets)
          if (forbidden.includes(area(target))) bad.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
    expect(bad).toEqual([]);
  });

  it('has no import cycles between modules', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) if (graph.has(target)) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
