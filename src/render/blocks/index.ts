export { type AnswerMessage, answerBlocks, answerFallback, answerMessage } from './answer.js';
export {
  helpBlocks,
  hrContactsText,
  MENU_TOPICS,
  PRIVACY_TEXT,
  pinnedCardBlocks,
  privacyBlocks,
} from './cards.js';
export {
  answerModal,
  homeView,
  messageModal,
  QUESTION_ACTION,
  QUESTION_BLOCK,
  questionModal,
  reminderModal,
} from './views.js';
