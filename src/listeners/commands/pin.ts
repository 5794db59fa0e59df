import type { RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isTopic, type Topic } from '../../engine/index.js';
import { esc } from '../../render/blocks/common.js';
import { MENU_TOPICS, menuTopics, pinnedCardBlocks } from '../../render/blocks/index.js';
import { COMMAND } from '../../slack/ids.js';
import { type Deps, logFailure, logOutcome, notice, say, slackErrorCode } from '../deps.js';

interface PinArgs {
  command: SlackCommandMiddlewareArgs['command'];
  ack: SlackCommandMiddlewareArgs['ack'];
  respond: RespondFn;
  client: WebClient;
  topics: string[];
}

const ephemeral = (deps: Deps, text: string) => ({
  response_type: 'ephemeral' as const,
  ...notice(deps, text),
});

/** Checked on every request, server side: hiding a button is not access control. */
export async function isHrAdmin(deps: Deps, client: WebClient, userId: string): Promise<boolean> {
  if (deps.config.hrAdminUserIds.includes(userId)) return true;
  const usergroup = deps.config.hrAdminUsergroupId;
  if (!usergroup) return false;
  const result = await client.usergroups.users.list({ usergroup });
  return Array.isArray(result.users) && result.users.includes(userId);
}

function whoCanPin(deps: Deps): string {
  const people = deps.config.hrAdminUserIds.map((id) => `<@${id}>`);
  if (deps.config.hrAdminUsergroupId) people.push(`<!subteam^${deps.config.hrAdminUsergroupId}>`);
  const admins = people.length > 0 ? people.join(', ') : say(deps, 'pinNoAdmins');
  return say(deps, 'pinNotAdmin', { admins, command: COMMAND });
}

function isDirectConversation(command: PinArgs['command']): boolean {
  const name = command.channel_name ?? '';
  return command.channel_id.startsWith('D') || name === 'directmessage' || name.startsWith('mpdm-');
}

export async function pinCard(deps: Deps, args: PinArgs, started: number): Promise<void> {
  const { command, ack, respond, client } = args;
  if (isDirectConversation(command)) {
    await ack(ephemeral(deps, say(deps, 'pinChannelsOnly', { command: COMMAND })));
    logOutcome(deps, 'pin', started, 'not_a_channel');
    return;
  }
  const requested = args.topics.map((t) => t.toLowerCase()).filter(Boolean);
  const unknown = requested.filter((t) => !isTopic(t));
  if (unknown.length > 0) {
    // Never echo what was typed: the list of topics says enough.
    const list = menuTopics(deps.engine.pack)
      .map((t) => `\`${t.topic}\` (${esc(t.label)})`)
      .join(', ');
    await ack(
      ephemeral(
        deps,
        say(deps, unknown.length > 1 ? 'pinUnknownTopics' : 'pinUnknownTopic', { topics: list }),
      ),
    );
    logOutcome(deps, 'pin', started, 'bad_topic');
    return;
  }
  // Ack first: the admin check and two Web API calls may take longer than Slack's 3 seconds.
  await ack();
  try {
    if (!(await isHrAdmin(deps, client, command.user_id))) {
      await respond(ephemeral(deps, whoCanPin(deps)));
      logOutcome(deps, 'pin', started, 'not_admin');
      return;
    }
  } catch (error) {
    logFailure(deps, 'pin', error);
    await respond(ephemeral(deps, say(deps, 'pinCheckFailed')));
    return;
  }
  const topics: Topic[] =
    requested.length > 0 ? (requested as Topic[]) : [...(deps.engine.pack.meta.defaultMenu ?? MENU_TOPICS)];
  try {
    const posted = await client.chat.postMessage({
      channel: command.channel_id,
      text: say(deps, 'cardPosted'),
      blocks: pinnedCardBlocks(deps.engine.pack, [...new Set(topics)].slice(0, 8)),
      unfurl_links: false,
    });
    if (posted.ts) {
      try {
        await client.pins.add({ channel: command.channel_id, timestamp: posted.ts });
      } catch (error) {
        logFailure(deps, 'pin', error, 'pin_failed');
        await respond(ephemeral(deps, say(deps, 'pinNotPinned')));
        return;
      }
    }
    await respond(ephemeral(deps, say(deps, 'pinDone')));
    logOutcome(deps, 'pin', started, 'pinned');
  } catch (error) {
    const code = slackErrorCode(error);
    logFailure(
      deps,
      'pin',
      error,
      code === 'not_in_channel' || code === 'channel_not_found' ? 'not_in_channel' : 'post_failed',
    );
    if (code === 'not_in_channel' || code === 'channel_not_found') {
      await respond(ephemeral(deps, say(deps, 'pinNotInChannel', { command: COMMAND })));
    } else {
      await respond(ephemeral(deps, say(deps, 'pinPostFailed')));
    }
  }
}
