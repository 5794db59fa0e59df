/** Usage texts, one per command, shown by --help and after a usage error. */
export const BIN = 'conduct-nudge';

export const TOP_HELP = `${BIN}: short, private guidance on workplace conduct, from a policy pack.

Usage:
  ${BIN} <command> [options]

Commands:
  ask "<question>"        Answer one question, as a person would read it
  classify                Classify JSON lines from stdin, one JSON line out per line in
  eval FILE.jsonl|--cv K  Measure accuracy on labelled questions, or cross-validate
  validate-pack DIR       Check a policy pack and summarise it

Options:
  -h, --help              Show help (also: ${BIN} <command> --help)
  -v, --version           Show the version

Exit codes: 0 ok, 1 failure (e.g. an invalid pack), 2 wrong usage.
`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  ask: `Usage: ${BIN} ask "<question>" [--pack DIR] [--json] [--explain]

Answers one question. Without a question argument, reads it from stdin when stdin is not a
terminal (echo "..." | ${BIN} ask).

Options:
  --pack DIR    Policy pack folder (default: the shipped default pack)
  --json        Print {result, answer} as JSON instead of text
  --explain     Also show the matched rules, their scores and the signals that fired
  -h, --help    Show this help
`,
  classify: `Usage: ${BIN} classify [--pack DIR] < questions.jsonl

Reads JSON lines {"id": ..., "text": "..."} from stdin and writes, in order, one JSON line per
input: {"id", "topic", "topics", "escalate", "ruleIds", "confidence", "relationship"}, where
"topics" is the ranked list of topic ids, best first. A bad line gives {"id", "error"} and the
run goes on; blank lines are skipped.

Options:
  --pack DIR    Policy pack folder (default: the shipped default pack)
  -h, --help    Show this help
`,
  eval: `Usage: ${BIN} eval FILE.jsonl [--pack DIR] [--json] [--misses]
       ${BIN} eval --cv K [--pack DIR] [--json] [--misses]

With FILE.jsonl: classifies labelled lines {"text", "topic", "escalate", "invented"?} with the
pack's trained model. With --cv K: grouped K-fold cross-validation over the pack's own examples,
grouped by source page (and near-duplicates), each fold's model and thresholds trained only on
the other folds. Prints top-1, top-2, one-tap, the clarify rate, escalation recall and false
escalation with 95% Wilson intervals, for real and invented questions apart, per topic, and a
confusion table. Bad lines are reported on stderr and skipped.

Options:
  --pack DIR    Policy pack folder (default: the shipped default pack)
  --cv K        Cross-validate over the pack's examples in K folds (2-20)
  --json        Print the report as JSON
  --misses      Also list each question whose top-1 topic was wrong (line or example id)
  -h, --help    Show this help
`,
  'validate-pack': `Usage: ${BIN} validate-pack DIR [--verbose]

Loads the policy pack in DIR from its files and checks every one. When it is valid: prints a
summary (name, version, rules per topic, examples real and invented, safety frames, reminders),
warns about safety phrases that repeat or that a wildcard already covers, trains the pack's
model from its examples (seeded: the same files give the same model), reports where each
example now goes out of fold when that is not its label or rule, and writes DIR/.model.json,
the model the app starts from. Exit 1 listing every problem as "file:line path: message" when
the pack is not valid.

Options:
  --verbose     List every example that goes elsewhere (default: the first 20)
  -h, --help    Show this help
`,
};
