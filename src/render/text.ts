import type { Answer, Classification } from '../engine/index.js';
import { type ContactStyle, formatContact } from './contact.js';

/**
 * Plain-text rendering of an Answer, as a person reads it in a terminal (the CLI) or in any
 * place without Block Kit. Pure: answer in, string out, no colours, no I/O.
 */
export interface TextOptions {
  /** When given, adds the matched rules with their scores and the signals that fired. */
  explain?: Classification;
}

const PLAIN: ContactStyle = {
  text: (value) => value,
  link: (url, label) => `${label} ${url}`,
  email: (address) => address,
  label: (value) => value,
  note: (value) => `(${value})`,
  lead: ': ',
  join: ', ',
  beforeNote: ' ',
};

function section(title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : ['', title, ...lines];
}

function whyLine(answer: Answer): string {
  const { ui } = answer;
  if (!answer.ruleId) return `${ui.textWhy}: ${answer.why}`;
  const policySection = answer.policy.find((p) => p.section)?.section;
  const rule = `${ui.textRule} ${answer.ruleId}${policySection ? ` (${ui.textSection} ${policySection})` : ''}`;
  return `${ui.textWhy}: ${rule}. ${answer.why}`;
}

function explainLines(result: Classification): string[] {
  const yesNo = (value: boolean) => (value ? 'yes' : 'no');
  const lines = [
    `  Topic: ${result.topic} (confidence ${result.confidence})`,
    `  Escalate: ${yesNo(result.escalate)}, urgent: ${yesNo(result.urgent)}, relationship: ${result.relationship}${result.relationshipMatters ? ' (changes the advice)' : ''}`,
    `  Ranked topics: ${result.topics.map((t) => `${t.topic} ${t.score}`).join(', ') || '(none)'}`,
  ];
  if (result.rules.length === 0) lines.push('  Matched rules: none');
  else {
    lines.push('  Matched rules:');
    result.rules.forEach((rule, index) => {
      const policy = rule.policySection ? `, policy ${rule.policySection}` : '';
      lines.push(`    ${index + 1}. ${rule.id} [${rule.topic}] score ${rule.score}${policy}`);
      lines.push(`       signals: ${rule.signals.join(', ') || '(none)'}`);
    });
  }
  return section('Explain', lines);
}

export function renderText(answer: Answer, options: TextOptions = {}): string {
  const lines: string[] = [answer.title, '='.repeat(Math.min(answer.title.length, 72))];
  const { ui } = answer;
  if (answer.kind === 'escalation') lines.push(ui.escalationBanner, '');
  lines.push(answer.summary);
  lines.push(
    ...section(
      ui.textSteps,
      answer.steps.map((step, i) => `  ${i + 1}. ${step}`),
    ),
  );
  if (answer.script) lines.push(...section(ui.textYouCouldSay, [`  ${answer.script}`]));
  if (answer.askRelationship) {
    lines.push('', ui.askWhoTheyAre);
  }
  lines.push(
    ...section(
      ui.textRemember,
      answer.reminders.map((r) => `  - ${r.title}: ${r.text}`),
    ),
  );
  lines.push(
    ...section(
      ui.whoCanHelp,
      answer.contacts.map((c) => `  - ${formatContact(c, answer.ui, PLAIN)}`),
    ),
  );
  lines.push(
    ...section(
      ui.textPolicy,
      answer.policy.map((p) => {
        let line = `  - ${p.title}`;
        if (p.section) line += ` (${p.section})`;
        if (p.url) line += `: ${p.url}`;
        return line;
      }),
    ),
  );
  if (answer.related.length > 0) {
    lines.push('', `${ui.textRelated}: ${answer.related.map((t) => t.label).join('; ')}`);
  }
  lines.push('', whyLine(answer));
  if (options.explain) lines.push(...explainLines(options.explain));
  lines.push('', answer.notices.notReporting, answer.notices.notLegalAdvice);
  lines.push('', `${ui.textPack}: ${answer.pack.name} ${answer.pack.version}`);
  return `${lines.join('\n')}\n`;
}
