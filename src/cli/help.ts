/** Usage texts, one per command, shown by --help and after a usage error. */
export const BIN = 'conduct-nudge';

export const TOP_HELP = `${BIN}: short, private guidance on workplace conduct, from a policy pack.

Usage:
  ${BIN} <command> [options]

Commands:
  ask "<question>"        Answer one question, as a person would read it
  classify                Classify JSON lines from stdin, one JSON line out per line in
  eval FILE.jsonl         Measure accuracy on labelled questions
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

Classifies labelled lines {"text", "topic", "escalate"} and prints top-1 and top-2 accuracy,
overall and per topic, a confusion table, escalation recall and the false-escalation rate.
Bad lines are reported on stderr and skipped.

Options:
  --pack DIR    Policy pack folder (default: the shipped default pack)
  --json        Print the report as JSON
  --misses      Also list each line whose top-1 topic was wrong
  -h, --help    Show this help
`,
  'validate-pack': `Usage: ${BIN} validate-pack DIR [--snapshot]

Loads the policy pack in DIR from its YAML files. Exit 0 with a summary (name, version,
rules per topic, concepts, reminders) when it is valid; exit 1 listing every problem as
"file:line path: message" when it is not.

Options:
  --snapshot    Also write DIR/.compiled.json, a validated snapshot the app starts from
                faster (used only while every YAML file is unchanged)
  -h, --help    Show this help
`,
};
