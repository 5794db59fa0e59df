import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { topicCardBlocks, topicModal, topicsBlocks, topicsModal } from '../../render/blocks/index.js';
import { decodeValue } from '../../render/values.js';
import { type Deps, notification } from '../deps.js';
import { valueOf } from './answer-buttons.js';
import { show, stale } from './show.js';

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** A topic button or menu: that topic's overview and common questions, never its first rule. */
export function topicChosen(deps: Deps) {
  return async function handleTopic({ ack, body, action, client, respond }: Args) {
    await ack();
    const topic = decodeValue(valueOf(action))?.t;
    if (!topic) return stale(deps, body, respond, client);
    const card = deps.engine.topicCard(topic);
    await show(
      deps,
      body,
      client,
      respond,
      {
        message: () => ({ text: card.notices.notification, blocks: topicCardBlocks(card) }),
        modal: () => topicModal(card),
      },
      false,
      'topic',
    );
  };
}

/** "Browse topics": the list of topics. */
export function topicsListed(deps: Deps) {
  return async function handleTopics({ ack, body, client, respond }: Args) {
    await ack();
    const pack = deps.engine.pack;
    await show(
      deps,
      body,
      client,
      respond,
      {
        message: () => ({ text: notification(deps), blocks: topicsBlocks(pack) }),
        modal: () => topicsModal(pack),
      },
      true,
      'topics',
    );
  };
}
