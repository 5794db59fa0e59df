/**
 * Every Slack-facing id in one place: the manifest test checks manifest.yml against these,
 * and the listeners register exactly these, so the two cannot drift apart.
 */
export const COMMAND = '/conduct';

export const SHORTCUTS = {
  askQuestion: 'ask_conduct_question',
  boundariesReminder: 'boundaries_reminder',
  discretionReminder: 'discretion_reminder',
} as const;

export const MESSAGE_SHORTCUTS = {
  messageNudge: 'message_nudge',
} as const;

export const EVENTS = ['app_home_opened', 'message.im', 'app_uninstalled', 'tokens_revoked'] as const;

export const ACTIONS = {
  topic: 'topic',
  rule: 'rule',
  relationship: 'who_is_it',
  askPrivately: 'ask_privately',
  feedback: 'feedback',
  link: 'link',
  /** A contact with no link: shows its details. */
  contact: 'contact',
  /** Removes the answer, for someone who may be seen reading it. */
  hide: 'hide',
  /** Expands the pack's reasons in place. */
  why: 'why',
  /** Opt-in: the contacts, sent to the asker's DM with the app. */
  contactsToDm: 'contacts_to_dm',
  /** `/conduct topics`: the list of topics. */
  topics: 'topics',
} as const;

export const VIEWS = {
  question: 'question_modal',
  /** An answer shown in a modal: its submit button is "Ask another". */
  answer: 'answer_modal',
  /** The message shortcut's "What worries you about this message?". */
  messageConcern: 'message_concern',
} as const;

/** Bot scopes the code needs; usergroups:read only when HR admins are a user group. */
export const BOT_SCOPES = ['commands', 'chat:write', 'im:history', 'pins:write'] as const;
export const OPTIONAL_BOT_SCOPES = ['usergroups:read'] as const;
