import { z } from 'zod';

/**
 * Every word the app shows that is not guidance: button labels, window titles, notices, the
 * help, privacy and home cards. They live in the pack (`strings.yaml`), not in code, so HR can
 * reword them and a pack can speak another language. Each key's limit is Slack's for the place
 * it is shown (a window title 24 characters, a button 75) or the app's own for a card line.
 * `{name}` marks where the app fills something in; a pack's wording must keep those marks.
 */
const TITLE = 24;
/** A window's own buttons (submit, close): Slack allows 24 characters, as for its title. */
const MODAL_BUTTON = 24;
const BUTTON = 75;
const LINE = 300;
const CARD = 600;

export const STRING_LIMITS = {
  appTitle: TITLE,
  askPrivately: TITLE,
  topicsTitle: TITLE,
  messageTitle: TITLE,
  close: MODAL_BUTTON,
  done: MODAL_BUTTON,
  gotIt: MODAL_BUTTON,
  ask: MODAL_BUTTON,
  askAnother: MODAL_BUTTON,
  askAQuestion: MODAL_BUTTON,
  browseTopics: BUTTON,
  helpful: BUTTON,
  notRelevant: BUTTON,
  whyThisAnswer: BUTTON,
  hideThis: BUTTON,
  sendContactsToDm: BUTTON,
  relatedTopics: BUTTON,
  pickATopic: BUTTON,
  whoIsIt: BUTTON,
  whoCustomer: BUTTON,
  whoCoworker: BUTTON,
  whoManager: BUTTON,
  whoDirectReport: BUTTON,
  whoVendor: BUTTON,
  getGuidance: MODAL_BUTTON,
  thanksNoted: LINE,
  whoCanHelp: LINE,
  whereElseToAsk: LINE,
  youCouldSay: LINE,
  whyLabel: LINE,
  whyFallback: LINE,
  policyLabel: LINE,
  dmCopyNote: LINE,
  clarifyPrompt: LINE,
  commonQuestions: LINE,
  askIntro: LINE,
  questionLabel: BUTTON,
  questionPlaceholder: 150,
  askFooter: LINE,
  topicsIntro: LINE,
  helpTitle: 150,
  helpIntro: LINE,
  helpWays: CARD,
  privacyTitle: 150,
  privacyRead: CARD,
  privacyKeep: CARD,
  privacyWhere: CARD,
  privacyWho: CARD,
  homeIntro: LINE,
  homeTopics: LINE,
  homeReadKeepTitle: LINE,
  homeReadKeep: CARD,
  homeDm: CARD,
  privacyLink: LINE,
  hrContactsTitle: LINE,
  cardTitle: 150,
  cardIntro: LINE,
  cardPosted: LINE,
  contactsDmNote: LINE,
  contactsSent: LINE,
  contactsNotSent: LINE,
  contactGone: LINE,
  concernIntro: LINE,
  concernLabel: BUTTON,
  concernMeUnwelcome: BUTTON,
  concernOtherUnwelcome: BUTTON,
  concernMyDraft: BUTTON,
  concernNotSure: BUTTON,
  concernAddLabel: BUTTON,
  concernPick: LINE,
  concernLost: LINE,
  questionEmpty: LINE,
  stale: LINE,
  askWindowSlow: LINE,
  shortcutWindowSlow: LINE,
  messageWindowSlow: LINE,
  messageNoText: LINE,
  dmNoText: LINE,
  unknownCommand: LINE,
  otherOrganisation: LINE,
  pinChannelsOnly: LINE,
  pinNotAdmin: LINE,
  pinNoAdmins: LINE,
  pinUnknownTopic: LINE,
  pinUnknownTopics: LINE,
  pinCheckFailed: LINE,
  pinPostFailed: LINE,
  pinNotPinned: LINE,
  pinNotInChannel: LINE,
  pinDone: LINE,
  escalationBanner: LINE,
  askWhoTheyAre: LINE,
  textSteps: LINE,
  textYouCouldSay: LINE,
  textRemember: LINE,
  textPolicy: LINE,
  textRelated: LINE,
  textWhy: LINE,
  textRule: LINE,
  textSection: LINE,
  textPack: LINE,
  contactEmergency: LINE,
  contactEap: LINE,
  contactHr: LINE,
  contactReporting: LINE,
  contactEthics: LINE,
  contactCall: BUTTON,
  contactEmail: BUTTON,
  contactSlack: BUTTON,
  contactOpen: BUTTON,
  outOfScopeTitle: 150,
  outOfScopeSummary: LINE,
  outOfScopeStep1: LINE,
  outOfScopeStep2: LINE,
} as const;

export type StringKey = keyof typeof STRING_LIMITS;
export type UiStrings = Readonly<Record<StringKey, string>>;
export const STRING_KEYS = Object.keys(STRING_LIMITS) as StringKey[];

/** The marks each string must keep, where the app fills something in. */
export const STRING_MARKS: Partial<Record<StringKey, readonly string[]>> = {
  unknownCommand: ['{command}'],
  pinNotAdmin: ['{admins}', '{command}'],
  pinUnknownTopic: ['{topics}'],
  pinUnknownTopics: ['{topics}'],
  pinChannelsOnly: ['{command}'],
  pinNotInChannel: ['{command}'],
  contactCall: ['{phone}'],
  contactEmail: ['{email}'],
  contactSlack: ['{slack}'],
};

const entries = Object.fromEntries(
  STRING_KEYS.map((key) => {
    const marks = STRING_MARKS[key] ?? [];
    const value = z
      .string()
      .trim()
      .min(1)
      .max(STRING_LIMITS[key])
      .refine((s) => marks.every((m) => s.includes(m)), {
        message: `must keep ${marks.join(' and ')}, where the app fills in a value`,
      })
      // Strings are Slack mrkdwn where they are shown: a mention would notify people (a pinned
      // card is posted in a channel), so none is allowed.
      .refine((s) => !/<[!@#]/.test(s), {
        message: 'must not mention people or channels (<!…>, <@…>, <#…>)',
      });
    return [key, value.optional()];
  }),
) as Record<StringKey, z.ZodOptional<z.ZodString>>;

/** `strings.yaml`: any of the keys; a pack's layers are merged, and the default pack fills the rest. */
export const stringsFileSchema = z.object({ strings: z.object(entries).strict() }).strict();
export type StringsFile = z.infer<typeof stringsFileSchema>;

/** A string with its `{name}` marks filled in. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (mark, name: string) => values[name] ?? mark);
}
