import type { Engine } from '../engine/index.js';
import { loadEngine, ModelError } from '../model-store.js';
import { loadPack, type Pack, PackError, type PackIssue } from '../pack/load.js';
import { CliError, UsageError } from './errors.js';

/** One issue as an author fixes it: `file:line path: message`. */
export function issueLine(issue: PackIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}` : issue.file;
  return `${where} ${issue.path || '(file)'}: ${issue.message}`;
}

/** Every issue of a PackError, grouped by file and in line order. */
export function packErrorText(error: PackError): string {
  const only = error.issues[0];
  if (error.issues.length === 1 && only?.message === 'pack folder not found')
    return `Pack folder not found: ${error.dir}`;
  const count = error.issues.length;
  const sorted = [...error.issues].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
  const lines = sorted.map((issue) => `  ${issueLine(issue)}`);
  return [`Pack ${error.dir} is invalid (${count} problem${count === 1 ? '' : 's'}):`, ...lines].join('\n');
}

/** Loads the engine for --pack (or the default pack); a bad pack becomes a CliError listing its issues. */
export function engineFor(command: string, packDir: string | undefined): Engine {
  if (packDir !== undefined && packDir.trim() === '') throw new UsageError('--pack needs a folder', command);
  try {
    return loadEngine(packDir);
  } catch (error) {
    if (error instanceof PackError) throw new CliError(packErrorText(error), 1);
    if (error instanceof ModelError) throw new CliError(error.message, 1);
    throw error;
  }
}

/** Loads the pack alone (cross-validation trains its own models); a bad pack becomes a CliError. */
export function packFor(command: string, packDir: string | undefined): Pack {
  if (packDir !== undefined && packDir.trim() === '') throw new UsageError('--pack needs a folder', command);
  try {
    return loadPack(packDir);
  } catch (error) {
    if (error instanceof PackError) throw new CliError(packErrorText(error), 1);
    throw error;
  }
}
