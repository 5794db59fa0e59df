import type { ContactLine } from '../engine/answer.js';
import { fill, type UiStrings } from '../pack/strings.js';

/** How one place draws a contact's pieces: Slack mrkdwn or plain text. */
export interface ContactStyle {
  /** Text the pack or the organisation wrote, made safe for the place. */
  text(value: string): string;
  link(url: string, label: string): string;
  /** An email address, as a link where the place has links. */
  email(address: string): string;
  label(value: string): string;
  note(value: string): string;
  /** Between the label and the first way to reach the contact. */
  lead: string;
  /** Between the ways. */
  join: string;
  /** Before the note. */
  beforeNote: string;
}

/**
 * The one contact formatter: the label, then each way to reach the contact in the pack's words
 * (`contactCall`, `contactEmail`, `contactSlack`, `contactOpen`), then the note. The mrkdwn and
 * plain-text renderers differ only in their style.
 */
export function formatContact(contact: ContactLine, ui: UiStrings, style: ContactStyle): string {
  const way = (template: string, mark: string, value: string) =>
    fill(style.text(template), { [mark]: value });
  const parts: string[] = [];
  if (contact.phone) parts.push(way(ui.contactCall, 'phone', style.text(contact.phone)));
  if (contact.slack) parts.push(way(ui.contactSlack, 'slack', style.text(contact.slack)));
  if (contact.email) parts.push(way(ui.contactEmail, 'email', style.email(contact.email)));
  if (contact.url) parts.push(style.link(contact.url, ui.contactOpen));
  let line = style.label(contact.label);
  if (parts.length > 0) line += style.lead + parts.join(style.join);
  if (contact.note) line += style.beforeNote + style.note(contact.note);
  return line;
}
