/**
 * A short invented news story for citation-gate attacks: numbers with separators, a refusal,
 * a conditional pledge, an official's words, and names (Trump, Starmer, Putin) an attacker can
 * misplace. Written for these tests; not from any corpus.
 */
export const TROOPS_TEXT = [
  'Britain is ready to send troops to Ukraine if a peace deal is signed, Defence Secretary John Healey said on Tuesday.',
  '',
  'Officials had discussed sending up to 30,000 personnel to protect Ukrainian ports, and a first group of 3.5 thousand could leave within weeks.',
  '',
  '“Nothing has been decided,” a senior official said. “We will not deploy near the front lines.”',
  '',
  'Donald Trump insisted there would be no deployment of American troops on the ground.',
  '',
  'Vladimir Putin said in Moscow that Russia would treat any foreign force as a target.',
  '',
  'Prime Minister Keir Starmer will host allies in London next week to discuss the plan.',
  '',
].join('\n');
