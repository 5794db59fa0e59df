import type {
  ActionsBlock,
  Button,
  ContextBlock,
  HeaderBlock,
  KnownBlock,
  SectionBlock,
  StaticSelect,
} from '@slack/types';
import type { TopicLink } from '../../engine/answer.js';
import { ACTIONS } from '../../slack/ids.js';
import { clip, escapeMrkdwn, SLACK_LIMITS } from '../limits.js';
import { encodeValue } from '../values.js';

export type Blocks = KnownBlock[];

export function header(text: string): HeaderBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: clip(text, SLACK_LIMITS.headerText), emoji: true },
  };
}

/** A section of pack-authored mrkdwn; pack text is escaped so it cannot inject links or mentions. */
export function section(mrkdwn: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(mrkdwn, SLACK_LIMITS.sectionText) } };
}

export function context(...mrkdwn: string[]): ContextBlock {
  return {
    type: 'context',
    elements: mrkdwn
      .filter((t) => t.trim().length > 0)
      .slice(0, SLACK_LIMITS.contextElements)
      .map((text) => ({ type: 'mrkdwn' as const, text: clip(text, SLACK_LIMITS.sectionText) })),
  };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  const b: Button = {
    type: 'button',
    text: { type: 'plain_text', text: clip(text, SLACK_LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value,
  };
  if (style) b.style = style;
  return b;
}

export function urlButton(text: string, actionId: string, url: string): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(text, SLACK_LIMITS.buttonText), emoji: true },
    action_id: actionId,
    url,
  };
}

export function actions(blockId: string, elements: Array<Button | StaticSelect>): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: elements.slice(0, SLACK_LIMITS.actionsElements) };
}

/** Topic buttons; each action_id carries the topic so ids stay unique within the block. */
export function topicButtons(topics: readonly TopicLink[]): Button[] {
  return topics.map(({ topic, label }) =>
    button(label, `${ACTIONS.topic}:${topic}`, encodeValue({ t: topic })),
  );
}

/** The topics as one menu: a single row on a phone, where buttons take a row each. */
export function topicMenu(topics: readonly TopicLink[], placeholder: string): StaticSelect {
  return {
    type: 'static_select',
    action_id: `${ACTIONS.topic}:menu`,
    placeholder: { type: 'plain_text', text: clip(placeholder, 150), emoji: true },
    options: topics.slice(0, 100).map(({ topic, label }) => ({
      text: { type: 'plain_text', text: clip(label, 75), emoji: true },
      value: encodeValue({ t: topic }),
    })),
  };
}

export function esc(text: string): string {
  return escapeMrkdwn(text);
}
