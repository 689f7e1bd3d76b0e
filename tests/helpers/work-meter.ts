/**
 * Counts the work a synchronous function does, in elements and characters visited, by
 * wrapping the built-ins that visit them: array scans (`some`, `filter`, `find`, `map`, `flat`,
 * …) count the array's length; `indexOf`/`lastIndexOf` on strings the characters between the
 * start and where the search stopped; `slice` the characters copied; every regular-expression
 * execution (which `match`, `matchAll`, `replace`, `test` and `split` all go through) the
 * characters from where it started to where it stopped. It is a cost model, not a clock:
 * the same input always gives the same count, so tests can compare the counts for a story
 * and for one four times its size and catch a step that is quadratic in the story's length.
 */

type Method = (this: unknown, ...args: unknown[]) => unknown;

const ARRAY_SCANS = ['some', 'every', 'filter', 'find', 'findIndex', 'findLast', 'map', 'forEach', 'flat', 'flatMap', 'includes', 'indexOf', 'lastIndexOf', 'reduce'] as const;

/** Runs `run` and returns the work it did; the built-ins are restored afterwards. */
export function measureWork(run: () => void): number {
  let work = 0;
  const restores: Array<() => void> = [];
  const wrap = <T extends object>(target: T, name: string, cost: (self: unknown, args: unknown[], result: unknown) => number): void => {
    const original = (target as Record<string, Method>)[name]!;
    (target as Record<string, Method>)[name] = function (this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      work += cost(this, args, result);
      return result;
    };
    restores.push(() => {
      (target as Record<string, Method>)[name] = original;
    });
  };

  for (const name of ARRAY_SCANS) wrap(Array.prototype, name, (self) => (self as unknown[]).length);
  wrap(String.prototype, 'indexOf', (self, args, result) => {
    const from = Math.max(0, Number(args[1] ?? 0) || 0);
    return (result as number) >= 0 ? (result as number) - from + 1 : String(self).length - from;
  });
  wrap(String.prototype, 'lastIndexOf', (self, args, result) => {
    const from = args[1] === undefined ? String(self).length : Math.max(0, Number(args[1]) || 0);
    return (result as number) >= 0 ? from - (result as number) + 1 : from;
  });
  wrap(String.prototype, 'slice', (_self, _args, result) => (result as string).length);
  let inExec = false;
  const exec = RegExp.prototype.exec;
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    if (inExec) return exec.call(this, input);
    inExec = true;
    try {
      const persistent = this.global || this.sticky;
      const from = persistent ? this.lastIndex : 0;
      const result = exec.call(this, input);
      work += 1 + (result ? result.index + result[0].length - from : String(input).length - from);
      return result;
    } finally {
      inExec = false;
    }
  };
  restores.push(() => {
    RegExp.prototype.exec = exec;
  });

  try {
    run();
  } finally {
    for (const restore of restores.reverse()) restore();
  }
  return work;
}

const SYLLABLES = ['ka', 'lo', 'mer', 'vin', 'do', 'ra', 'sel', 'tu', 'bri', 'gan', 'pe', 'nor', 'hal', 'ze', 'fin', 'ost'];

/** A made-up surname for `i`, different for every `i` ("Kalomer", "Lovin", …). */
function surname(i: number): string {
  let word = '';
  let n = i + SYLLABLES.length;
  while (n > 0) {
    word += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return word[0]!.toUpperCase() + word.slice(1);
}

const FIRST = ['Anna', 'Ravi', 'Mona', 'Piet', 'Lena', 'Omar', 'Sara', 'Tomas'];
const ROLES = ['council leader', 'finance minister', 'union official', 'party spokeswoman'];
const ACTIONS = ['repair the harbour wall', 'keep the library open', 'publish the budget', 'hire twelve teachers'];

/**
 * A news story of `paragraphs` paragraphs written for these tests, in which, as in real news,
 * new people keep being named, quoted, referred to as "he" or "she" and reported making
 * commitments, so the number of names grows with the length of the text.
 */
export function growingStory(paragraphs: number): string {
  const out: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    const last = surname(i);
    const first = FIRST[i % FIRST.length]!;
    const role = ROLES[i % ROLES.length]!;
    const action = ACTIONS[(i >> 2) % ACTIONS.length]!;
    const other = surname(i + 7919);
    // A body described in a paragraph of its own: "the authority" in the next few paragraphs
    // stands for it, and the gate looks back for the name.
    if (i % 4 === 0) out.push(`The regional transport authority met on Monday to discuss the budget.`);
    out.push(
      `“We will ${action} before the winter,” said ${first} ${last}, the ${role}. ` +
        `${last} told reporters on Tuesday that the council would not raise fees, and she promised to meet ${FIRST[(i + 3) % FIRST.length]} ${other} next week. ` +
        `According to ${other}, the plan could cost 2.${i % 10} million pounds if the repairs start in May. ` +
        `Mr. ${other} said he had agreed to review it, but he refused to comment on the vote. ` +
        `They said the vote would be close. ${last} said the authority would publish the accounts in June.`,
    );
  }
  return out.join('\n\n');
}
