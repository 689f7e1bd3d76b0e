/**
 * What a model's reply gets wrong, as the lines of a repair request. Pure CPU work on plain
 * data (every quote looked up in the story, every claim checked against its quotes), so the
 * engine runs it as the worker pool's `check` task; this module must not load the `openai` SDK.
 */
import { claimProblem } from '../../citations/claims.js';
import { hasInventedQuote, verifyQuote } from '../../citations/gate.js';
import type { Story } from '../../story/story.js';
import type { AnswerJson, AttributionsJson, CommitmentsJson, SummaryJson } from './schemas.js';

/** A parsed model reply to check, with the stories its quotes must come from. */
export type ReplyCheck =
  | { task: 'summarise'; story: Story; reply: SummaryJson }
  | { task: 'attributions'; story: Story; reply: AttributionsJson }
  | { task: 'commitments'; story: Story; reply: CommitmentsJson }
  | { task: 'answer'; stories: Story[]; reply: AnswerJson };

/** The problems of `check.reply`, one repair line each; none when it passes. */
export function replyProblems(check: ReplyCheck): string[] {
  switch (check.task) {
    case 'summarise':
      return summaryProblems(check.story, check.reply);
    case 'attributions':
      return attributionProblems(check.story, check.reply);
    case 'commitments':
      return commitmentProblems(check.story, check.reply);
    case 'answer':
      return answerProblems(check.stories, check.reply);
  }
}

const notFound = (quote: string): string => `- not in the article word for word: "${quote}"`;
const inventedIn = (field: string, text: string): string =>
  `- ${field} puts words in quotation marks that are not in the article: ${text}`;

function missing(story: Story, quote: string | null): string[] {
  return quote === null || verifyQuote(story, quote) ? [] : [notFound(quote)];
}

function summaryProblems(story: Story, json: SummaryJson): string[] {
  return json.points.flatMap((p) => [
    ...(p.quotes.length === 0 ? [`- the point "${p.text}" has no quote`] : []),
    ...p.quotes.flatMap((q) => missing(story, q)),
    ...(hasInventedQuote(story, p.text) ? [inventedIn('a point', p.text)] : []),
    ...(p.quotes.length > 0 ? claimed(`the point "${p.text}"`, p.text, p.quotes) : []),
  ]);
}

function attributionProblems(story: Story, json: AttributionsJson): string[] {
  return json.attributions.flatMap((a) => [a.content, a.source, a.cue].flatMap((q) => missing(story, q)));
}

function commitmentProblems(story: Story, json: CommitmentsJson): string[] {
  return json.commitments.flatMap((c) => [
    ...[c.quote, c.actorMention].flatMap((q) => missing(story, q)),
    ...[c.action, c.condition ?? ''].filter((t) => hasInventedQuote(story, t)).map((t) => inventedIn('a commitment', t)),
  ]);
}

function answerProblems(stories: Story[], json: AnswerJson): string[] {
  return [
    ...json.quotes.flatMap(({ storyId, quote }) => {
      const story = stories.find((s) => s.id === storyId);
      if (!story) return [`- "${quote}" names an article id that was not given: ${storyId}`];
      return missing(story, quote);
    }),
    ...(hasInventedQuote(stories, json.answer) ? [inventedIn('the answer', json.answer)] : []),
    ...(json.grounded && json.quotes.length > 0 ? claimed('the answer', json.answer, json.quotes.map((q) => q.quote)) : []),
  ];
}

/** The checker's objection to `text` against `quotes`, as a repair line (none when it agrees). */
function claimed(what: string, text: string, quotes: string[]): string[] {
  const problem = claimProblem(text, quotes);
  return problem === null ? [] : [`- ${what} ${problem}`];
}
