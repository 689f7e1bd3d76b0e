/** The condition a commitment hangs on: "if a peace deal is signed", "unless he is paid". */

const CONDITION =
  /(?:(?:^|[\s(—–])(?<!even )(only if|if|unless|provided(?: that)?|as long as|so long as|on (?:the )?condition that|once(?! again| more| upon| and| or| in| a\b))|,\s+(should)(?=\s+(?:he|she|they|it|we|I|the|a|an|\p{Lu}\p{L}+)\s+\p{Ll}+))\s+(.+)$/u;
/** "if" that opens an indirect question, not a condition: "asked if", "to say if". */
const QUESTION_IF = /\b(?:asked|ask|asks|asking|say|said|know|knows|tell|told|decide|decided|see|whether|wondered|unclear|clear)\s+$/u;

/**
 * The condition in `text`, as it reads after "if" (so "if …" can be put in front of it): the
 * keyword is kept only where dropping it would change the meaning ("unless …"). `null` if none.
 */
export function conditionOf(text: string): string | null {
  const match = CONDITION.exec(text);
  if (!match) return null;
  const keyword = (match[1] ?? match[2])!;
  if (QUESTION_IF.test(text.slice(0, match.index + match[0].indexOf(keyword)))) return null;
  const clause = match[3]!
    .split(/,\s+(?:but|and|while|although|though|which|so)\s+|;|\s[—–―]\s|,\s+(?=\p{Lu})/u)[0]!
    .replace(/[“”"]/gu, '')
    .replace(/[\s.,;:!?’']+$/u, '')
    .trim();
  if (!clause) return null;
  if (keyword === 'unless') {
    const negated = clause.replace(/^((?:(?:the|a|an|his|her|its|their|our)\s+)?\S+)\s+(is|are|was|were|has|have|does|do|did|will|can)\b/u, '$1 $2 not');
    return negated === clause ? `not: ${clause}` : negated;
  }
  if (keyword === 'should') return clause.replace(/^((?:the|a|an)\s+\S+|\S+)\s+/iu, '$1 should ');
  return clause;
}
