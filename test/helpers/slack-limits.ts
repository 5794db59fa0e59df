/**
 * Slack Block Kit limits, checked the way Slack checks them, for every Slack test to share.
 *
 * `slackLimitProblems(payload, kind)` walks a message body (`{ text?, blocks? }`) or a view
 * (`{ type: 'modal' | 'home', ... }`) and returns one human-readable problem per broken rule,
 * each prefixed with the JSON path of the offending value. `assertSlackLimits` throws with all
 * of them. The numbers are Slack's published limits (https://docs.slack.dev/reference/block-kit),
 * kept here on purpose rather than imported from src/render/limits.ts so a wrong limit in the
 * renderer cannot hide itself.
 */

export type SlackSurface = 'message' | 'modal' | 'home';

export interface SlackLimitOptions {
  /**
   * Slack requires an action_id to be unique within its block; by default the same action_id in
   * two different blocks of one payload is reported too. Set to true to allow that reuse.
   */
  allowActionIdReuseAcrossBlocks?: boolean;
}

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  sectionText: 3_000,
  sectionFields: 10,
  sectionFieldText: 2_000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2_000,
  buttonUrl: 3_000,
  actionId: 255,
  blockId: 255,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3_000,
  callbackId: 255,
  externalId: 255,
  inputLabel: 2_000,
  inputHint: 2_000,
  inputMaxLength: 3_000,
  placeholder: 150,
  imageUrl: 3_000,
  imageAltText: 2_000,
  imageTitle: 2_000,
  markdownBlockText: 12_000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  overflowOptions: 5,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

export const KNOWN_BLOCK_TYPES: ReadonlySet<string> = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'table',
  'video',
]);

export const KNOWN_ELEMENT_TYPES: ReadonlySet<string> = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'file_input',
  'image',
  'number_input',
  'overflow',
  'plain_text_input',
  'radio_buttons',
  'rich_text_input',
  'timepicker',
  'url_text_input',
  'workflow_button',
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
]);

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface TextRule {
  max: number;
  plainOnly?: boolean;
}

class Walker {
  readonly problems: string[] = [];
  /** action_id -> paths of the blocks that use it. */
  private readonly actionIdBlocks = new Map<string, string[]>();
  private readonly blockIds = new Map<string, string>();

  constructor(private readonly options: SlackLimitOptions) {}

  add(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  /** A string that must be present (when `required`) and at most `max` characters. */
  str(path: string, value: unknown, max: number, required = false): value is string {
    if (value === undefined) {
      if (required) this.add(path, 'is required');
      return false;
    }
    if (typeof value !== 'string') {
      this.add(path, `must be a string, got ${typeof value}`);
      return false;
    }
    if (value.length > max) this.add(path, `is ${value.length} characters, over Slack's limit of ${max}`);
    return true;
  }

  /** A composition text object: `{ type: 'plain_text' | 'mrkdwn', text }`. */
  text(path: string, value: unknown, rule: TextRule, required = true): void {
    if (value === undefined) {
      if (required) this.add(path, 'text object is required');
      return;
    }
    if (!isObj(value)) {
      this.add(path, 'must be a text object { type, text }');
      return;
    }
    const type = value.type;
    if (type !== 'plain_text' && type !== 'mrkdwn') {
      this.add(`${path}.type`, `must be "plain_text" or "mrkdwn", got ${JSON.stringify(type)}`);
    } else if (rule.plainOnly && type !== 'plain_text') {
      this.add(`${path}.type`, 'must be "plain_text" here');
    }
    const text = value.text;
    if (typeof text !== 'string') {
      this.add(`${path}.text`, 'must be a string');
      return;
    }
    if (text.trim().length === 0) this.add(`${path}.text`, 'must not be empty');
    if (text.length > rule.max) {
      this.add(`${path}.text`, `is ${text.length} characters, over Slack's limit of ${rule.max}`);
    }
    if (type === 'mrkdwn' && 'emoji' in value) this.add(`${path}.emoji`, 'is only allowed on plain_text');
  }

  blockId(path: string, value: unknown): void {
    if (!this.str(`${path}.block_id`, value, LIMITS.blockId)) return;
    const seen = this.blockIds.get(value);
    if (seen) this.add(`${path}.block_id`, `duplicate block_id ${JSON.stringify(value)} (also at ${seen})`);
    else this.blockIds.set(value, path);
  }

  /** Checks an element's action_id and remembers it for the per-block and per-payload duplicate checks. */
  actionId(path: string, value: unknown, blockPath: string, inBlock: Map<string, string>): void {
    if (!this.str(`${path}.action_id`, value, LIMITS.actionId)) return;
    const seen = inBlock.get(value);
    if (seen) {
      this.add(
        `${path}.action_id`,
        `duplicate action_id ${JSON.stringify(value)} in one block (also at ${seen})`,
      );
      return;
    }
    inBlock.set(value, path);
    const blocks = this.actionIdBlocks.get(value) ?? [];
    blocks.push(blockPath);
    this.actionIdBlocks.set(value, blocks);
  }

  finish(): void {
    if (this.options.allowActionIdReuseAcrossBlocks) return;
    for (const [id, blocks] of this.actionIdBlocks) {
      if (blocks.length > 1) {
        this.add(
          blocks[1] ?? '',
          `action_id ${JSON.stringify(id)} is used in several blocks: ${blocks.join(', ')}`,
        );
      }
    }
  }

  confirm(path: string, value: unknown): void {
    if (value === undefined) return;
    if (!isObj(value)) {
      this.add(path, 'confirm must be an object');
      return;
    }
    this.text(`${path}.title`, value.title, { max: LIMITS.confirmTitle, plainOnly: true });
    this.text(`${path}.text`, value.text, { max: LIMITS.confirmText });
    this.text(`${path}.confirm`, value.confirm, { max: LIMITS.confirmButton, plainOnly: true });
    this.text(`${path}.deny`, value.deny, { max: LIMITS.confirmButton, plainOnly: true });
  }

  optionList(path: string, value: unknown, max: number, plainOnly: boolean, required: boolean): void {
    if (value === undefined) {
      if (required) this.add(path, 'is required');
      return;
    }
    if (!Array.isArray(value)) {
      this.add(path, 'must be an array');
      return;
    }
    if (value.length > max) this.add(path, `has ${value.length} options, over Slack's limit of ${max}`);
    value.forEach((option, i) => {
      const p = `${path}[${i}]`;
      if (!isObj(option)) {
        this.add(p, 'option must be an object');
        return;
      }
      this.text(`${p}.text`, option.text, { max: LIMITS.optionText, plainOnly });
      this.str(`${p}.value`, option.value, LIMITS.optionValue);
      this.text(`${p}.description`, option.description, { max: LIMITS.optionText, plainOnly }, false);
      this.str(`${p}.url`, option.url, LIMITS.buttonUrl);
    });
  }

  /** An interactive element (or image element) inside actions, section accessory, input or context. */
  element(path: string, el: unknown, blockPath: string, inBlock: Map<string, string>): void {
    if (!isObj(el)) {
      this.add(path, 'element must be an object');
      return;
    }
    const type = el.type;
    if (typeof type !== 'string' || !KNOWN_ELEMENT_TYPES.has(type)) {
      this.add(`${path}.type`, `unknown element type ${JSON.stringify(type)}`);
      return;
    }
    if (type === 'image') {
      this.image(path, el);
      return;
    }
    this.actionId(path, el.action_id, blockPath, inBlock);
    this.confirm(`${path}.confirm`, el.confirm);
    this.text(`${path}.placeholder`, el.placeholder, { max: LIMITS.placeholder, plainOnly: true }, false);
    switch (type) {
      case 'button':
      case 'workflow_button':
        this.text(`${path}.text`, el.text, { max: LIMITS.buttonText, plainOnly: true });
        this.str(`${path}.value`, el.value, LIMITS.buttonValue);
        this.str(`${path}.url`, el.url, LIMITS.buttonUrl);
        if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
          this.add(`${path}.style`, `must be "primary" or "danger", got ${JSON.stringify(el.style)}`);
        }
        break;
      case 'overflow':
        this.optionList(`${path}.options`, el.options, LIMITS.overflowOptions, true, true);
        break;
      case 'checkboxes':
      case 'radio_buttons':
        this.optionList(`${path}.options`, el.options, 10, false, true);
        break;
      case 'static_select':
      case 'multi_static_select':
        if (el.option_groups === undefined) {
          this.optionList(`${path}.options`, el.options, LIMITS.selectOptions, true, true);
        }
        break;
      case 'plain_text_input':
        for (const key of ['max_length', 'min_length'] as const) {
          const n = el[key];
          if (n === undefined) continue;
          if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
            this.add(`${path}.${key}`, 'must be a non-negative integer');
          } else if (n > LIMITS.inputMaxLength) {
            this.add(`${path}.${key}`, `is ${n}, over Slack's limit of ${LIMITS.inputMaxLength}`);
          }
        }
        if (
          typeof el.min_length === 'number' &&
          typeof el.max_length === 'number' &&
          el.min_length > el.max_length
        ) {
          this.add(path, 'min_length is greater than max_length');
        }
        this.str(`${path}.initial_value`, el.initial_value, LIMITS.inputMaxLength);
        break;
      default:
        break;
    }
  }

  image(path: string, el: Obj): void {
    if (el.image_url === undefined && el.slack_file === undefined) {
      this.add(path, 'image needs image_url or slack_file');
    }
    this.str(`${path}.image_url`, el.image_url, LIMITS.imageUrl);
    if (this.str(`${path}.alt_text`, el.alt_text, LIMITS.imageAltText, true) && el.alt_text === '') {
      this.add(`${path}.alt_text`, 'must not be empty');
    }
  }

  block(path: string, block: unknown, surface: SlackSurface): void {
    if (!isObj(block)) {
      this.add(path, 'block must be an object');
      return;
    }
    const type = block.type;
    if (typeof type !== 'string' || !KNOWN_BLOCK_TYPES.has(type)) {
      this.add(`${path}.type`, `unknown block type ${JSON.stringify(type)}`);
      return;
    }
    if (block.block_id !== undefined) this.blockId(path, block.block_id);
    const inBlock = new Map<string, string>();
    switch (type) {
      case 'section': {
        if (block.text === undefined && block.fields === undefined) {
          this.add(path, 'section needs text or fields');
        }
        this.text(`${path}.text`, block.text, { max: LIMITS.sectionText }, false);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields)) {
            this.add(`${path}.fields`, 'must be an array');
          } else {
            if (block.fields.length > LIMITS.sectionFields) {
              this.add(
                `${path}.fields`,
                `has ${block.fields.length} fields, over Slack's limit of ${LIMITS.sectionFields}`,
              );
            }
            block.fields.forEach((f, i) => {
              this.text(`${path}.fields[${i}]`, f, { max: LIMITS.sectionFieldText });
            });
          }
        }
        if (block.accessory !== undefined) this.element(`${path}.accessory`, block.accessory, path, inBlock);
        break;
      }
      case 'header':
        this.text(`${path}.text`, block.text, { max: LIMITS.headerText, plainOnly: true });
        break;
      case 'context': {
        const els = block.elements;
        if (!Array.isArray(els) || els.length === 0) {
          this.add(`${path}.elements`, 'context needs 1 to 10 elements');
          break;
        }
        if (els.length > LIMITS.contextElements) {
          this.add(
            `${path}.elements`,
            `has ${els.length} elements, over Slack's limit of ${LIMITS.contextElements}`,
          );
        }
        els.forEach((el, i) => {
          const p = `${path}.elements[${i}]`;
          if (isObj(el) && el.type === 'image') this.image(p, el);
          else this.text(p, el, { max: LIMITS.sectionText });
        });
        break;
      }
      case 'actions': {
        const els = block.elements;
        if (!Array.isArray(els) || els.length === 0) {
          this.add(`${path}.elements`, 'actions needs 1 to 25 elements');
          break;
        }
        if (els.length > LIMITS.actionsElements) {
          this.add(
            `${path}.elements`,
            `has ${els.length} elements, over Slack's limit of ${LIMITS.actionsElements}`,
          );
        }
        els.forEach((el, i) => {
          this.element(`${path}.elements[${i}]`, el, path, inBlock);
        });
        break;
      }
      case 'input':
        this.text(`${path}.label`, block.label, { max: LIMITS.inputLabel, plainOnly: true });
        this.text(`${path}.hint`, block.hint, { max: LIMITS.inputHint, plainOnly: true }, false);
        if (block.element === undefined) this.add(`${path}.element`, 'is required');
        else this.element(`${path}.element`, block.element, path, inBlock);
        break;
      case 'image':
        this.image(path, block);
        this.text(`${path}.title`, block.title, { max: LIMITS.imageTitle, plainOnly: true }, false);
        break;
      case 'markdown':
        if (
          this.str(`${path}.text`, block.text, LIMITS.markdownBlockText, true) &&
          block.text.trim() === ''
        ) {
          this.add(`${path}.text`, 'must not be empty');
        }
        break;
      case 'file':
        if (surface !== 'message') this.add(path, 'file blocks are only allowed in messages');
        break;
      default:
        break;
    }
  }

  blocks(path: string, blocks: unknown, max: number, surface: SlackSurface): void {
    if (blocks === undefined) return;
    if (!Array.isArray(blocks)) {
      this.add(path, 'must be an array of blocks');
      return;
    }
    if (blocks.length > max) this.add(path, `has ${blocks.length} blocks, over Slack's limit of ${max}`);
    blocks.forEach((b, i) => {
      this.block(`${path}[${i}]`, b, surface);
    });
  }
}

/** Every broken Slack limit in `payload`, as `path: problem` strings; empty when Slack would accept it. */
export function slackLimitProblems(
  payload: unknown,
  kind: SlackSurface,
  options: SlackLimitOptions = {},
): string[] {
  const w = new Walker(options);
  if (!isObj(payload)) {
    w.add('$', `${kind} payload must be an object`);
    return w.problems;
  }
  if (kind === 'message') {
    if (payload.text === undefined && payload.blocks === undefined)
      w.add('$', 'message needs text or blocks');
    if (
      w.str('$.text', payload.text, LIMITS.messageText) &&
      payload.blocks === undefined &&
      !payload.text.trim()
    ) {
      w.add('$.text', 'must not be empty when there are no blocks');
    }
    w.blocks('$.blocks', payload.blocks, LIMITS.messageBlocks, kind);
  } else {
    if (payload.type !== kind)
      w.add('$.type', `must be ${JSON.stringify(kind)}, got ${JSON.stringify(payload.type)}`);
    if (!Array.isArray(payload.blocks)) w.add('$.blocks', 'a view needs a blocks array');
    w.blocks('$.blocks', payload.blocks, LIMITS.viewBlocks, kind);
    w.str('$.private_metadata', payload.private_metadata, LIMITS.privateMetadata);
    w.str('$.callback_id', payload.callback_id, LIMITS.callbackId);
    w.str('$.external_id', payload.external_id, LIMITS.externalId);
    if (kind === 'modal') {
      w.text('$.title', payload.title, { max: LIMITS.modalTitle, plainOnly: true });
      w.text('$.submit', payload.submit, { max: LIMITS.modalButton, plainOnly: true }, false);
      w.text('$.close', payload.close, { max: LIMITS.modalButton, plainOnly: true }, false);
      const hasInput =
        Array.isArray(payload.blocks) && payload.blocks.some((b) => isObj(b) && b.type === 'input');
      if (hasInput && payload.submit === undefined)
        w.add('$.submit', 'is required when the modal has input blocks');
    }
  }
  w.finish();
  return w.problems;
}

/** Throws, listing every problem, when `payload` breaks any Slack limit for `kind`. */
export function assertSlackLimits(
  payload: unknown,
  kind: SlackSurface,
  options: SlackLimitOptions = {},
): void {
  const problems = slackLimitProblems(payload, kind, options);
  if (problems.length > 0) {
    throw new Error(
      `Slack would reject this ${kind} (${problems.length} problem(s)):\n- ${problems.join('\n- ')}`,
    );
  }
}
