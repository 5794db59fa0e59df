#!/usr/bin/env node
import { main } from './cli/main.js';

// The one place that touches the real process: its arguments, streams and exit code.
// A closed pipe (`... | head`) ends the run quietly instead of with an EPIPE error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  process.exitCode = 1;
});

const code = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdinIsTTY: Boolean(process.stdin.isTTY),
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exitCode = code;
