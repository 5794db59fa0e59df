import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';

/** Link buttons open in the browser; Slack still sends the click, which only needs an ack. */
export function linkClicked() {
  return async function handleLink({ ack }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) {
    await ack();
  };
}
