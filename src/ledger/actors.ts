import { createRequire } from 'node:module';
import type { Countries } from 'world-countries';

// The package is CommonJS whose types declare an ES default export; require gives the array on both counts.
const countries = createRequire(import.meta.url)('world-countries') as Countries;

/** What kind of entity an actor is; decides how its names are merged across stories. */
export type ActorKind = 'person' | 'country' | 'organisation';

/**
 * The identity of an actor as written in one story, before the workspace's other stories are
 * considered. `key` is the ledger index key: a country's ISO code, an organisation's initials,
 * a person's full name, or (for a lone surname) the surname, which queries merge with the one
 * full name of that surname in the workspace when there is exactly one.
 */
export interface ActorIdentity {
  /** Index key, e.g. `country:GBR`, `org:EU`, `person:donald trump`, `surname:trump`. */
  key: string;
  /** Entity kind. */
  kind: ActorKind;
  /** The best display name this mention gives ("United Kingdom", "Donald Trump", "Trump"). */
  name: string;
  /** For people: the lower-cased surname, used to merge lone surnames. */
  surname?: string;
}

/** Words that on their own refer to nobody in particular across stories. */
const GENERIC = new Set([
  'he', 'she', 'they', 'it', 'we', 'i', 'you', 'officials', 'official', 'the company', 'company', 'the government',
  'government', 'ministers', 'minister', 'spokesperson', 'spokesman', 'spokeswoman', 'a spokesperson', 'the spokesperson',
  'sources', 'the firm', 'the group', 'the ministry', 'the department', 'police', 'the police', 'the council', 'council',
  'the minister', 'the president', 'the prime minister', 'the chancellor', 'the administration', 'aides', 'diplomats',
]);

/** Titles dropped from people's names ("President Donald Trump" is Donald Trump). */
const TITLES = new Set([
  'president', 'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'senator', 'sen',
  'governor', 'gov', 'rep', 'representative', 'secretary', 'general', 'gen', 'minister', 'prime', 'chancellor',
  'king', 'queen', 'prince', 'princess', 'judge', 'justice', 'mayor', 'chief', 'vice', 'foreign', 'defence',
  'defense', 'home', 'state', 'premier', 'pope', 'speaker', 'leader', 'chairman', 'chairwoman', 'chair', 'ceo',
  'former', 'deputy', 'commissioner', 'ambassador', 'colonel', 'col', 'admiral', 'adm', 'captain', 'capt', 'us', 'uk',
  'councillor', 'councilor', 'cllr', 'councilman', 'councilwoman', 'alderman', 'sheriff', 'bishop', 'archbishop', 'rabbi',
  'imam', 'father', 'inspector', 'superintendent', 'detective', 'sergeant', 'sgt', 'lieutenant', 'lt', 'major', 'maj',
  'commander', 'cmdr', 'spokesperson', 'spokesman', 'spokeswoman', 'head', 'director', 'executive', 'officer', 'boss',
  'founder', 'owner', 'manager', 'coach', 'member', 'mp', 'mep', 'mayor-elect', 'president-elect', 'cabinet', 'finance',
]);

/**
 * Lower-case role words that, followed by a name, make the phrase that person's, whatever body
 * comes before: "Council leader Priya Lund", "Bank of England governor Andrew Bailey".
 */
const ROLE_BEFORE_NAME = new Set([
  'leader', 'governor', 'chief', 'secretary', 'minister', 'president', 'chair', 'chairman', 'chairwoman', 'spokesperson',
  'spokesman', 'spokeswoman', 'director', 'head', 'executive', 'commissioner', 'ambassador', 'mayor', 'councillor',
  'boss', 'founder', 'manager', 'member', 'officer', 'envoy', 'negotiator',
]);

/** Words after a country's name or adjective that still mean the country ("British government"). */
const STATE_WORDS = new Set([
  'government', 'officials', 'ministers', 'ministry', 'administration', 'authorities', 'state', 'cabinet',
  'delegation', 'diplomats', 'negotiators', 'leaders', 'foreign', 'office', 'embassy', 'side', 'forces', 'armed',
  'military', 'troops', 'envoy', 'envoys', 'representatives',
]);

/** Words that make a name an organisation's rather than a person's. */
const ORG_WORDS = new Set([
  'union', 'bank', 'council', 'commission', 'party', 'nations', 'organisation', 'organization', 'fund', 'agency',
  'department', 'ministry', 'corporation', 'corp', 'inc', 'ltd', 'plc', 'group', 'association', 'committee', 'court',
  'office', 'parliament', 'company', 'forces', 'army', 'navy', 'federation', 'alliance', 'institute', 'university',
  'authority', 'board', 'service', 'treaty', 'league', 'congress', 'senate', 'assembly', 'reserve', 'community',
]);

/** Small words left out of an organisation's initials ("Bank of England" is BoE → BE). */
const JOINERS = new Set(['of', 'the', 'and', 'for', 'on', '&', 'de', 'la']);

/** Lower-case, accent-free words of a name. */
function words(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’']s\b/gu, '').match(/[\p{L}\p{N}&]+/gu) ?? [];
}

/** Last words of country names that are ordinary nouns ("the city" is not Vatican City). */
const PLACE_NOUNS = new Set(['city', 'state', 'states', 'island', 'islands', 'republic', 'kingdom', 'coast', 'territory', 'territories', 'federation', 'union', 'emirates', 'land', 'see', 'principality', 'commonwealth']);

interface CountryForms {
  /** Lower-cased words of every name, spelling and demonym → country. */
  exact: ReadonlyMap<string, { code: string; name: string }>;
  /** A last word of one country's multi-word name only ("britain" from "Great Britain") → country. */
  tails: ReadonlyMap<string, { code: string; name: string }>;
}

const COUNTRY_FORMS: CountryForms = (() => {
  const exact = new Map<string, { code: string; name: string }>();
  const tailCodes = new Map<string, Set<string>>();
  const byCode = new Map<string, string>();
  // A form shared by a state and a territory ("French": France and the French Southern Territories) is the state's.
  const states = [...countries].sort((a, b) => Number(b.unMember) - Number(a.unMember));
  for (const c of states) {
    byCode.set(c.cca3, c.name.common);
    const forms = [c.name.common, c.name.official, ...c.altSpellings, c.demonyms?.eng?.m ?? '', c.demonyms?.eng?.f ?? ''];
    for (const form of forms) {
      // Two-letter codes ("GB", "IN") clash with words; "UK" and "US" are how newsrooms write them.
      if (form === '' || (form.length <= 2 && form !== 'UK' && form !== 'US')) continue;
      const w = words(form);
      const key = w.join(' ');
      if (key !== '' && !exact.has(key)) exact.set(key, { code: c.cca3, name: c.name.common });
      const last = w.at(-1);
      if (w.length > 1 && last && last.length >= 4 && !PLACE_NOUNS.has(last)) tailCodes.set(last, new Set([...(tailCodes.get(last) ?? []), c.cca3]));
    }
  }
  // "America" names the United States in news copy; no form in the package says so alone.
  exact.set('america', { code: 'USA', name: byCode.get('USA')! });
  const tails = new Map<string, { code: string; name: string }>();
  for (const [tail, codes] of tailCodes) {
    const code = [...codes][0]!;
    if (codes.size === 1 && !exact.has(tail)) tails.set(tail, { code, name: byCode.get(code)! });
  }
  return { exact, tails };
})();

/** The country a name refers to ("Britain", "the UK", "British government"), if it is one. */
export function countryOf(name: string): { code: string; name: string } | undefined {
  // "U.S." and "U.K." are how some style guides write the codes the package gives as "US", "UK".
  let w = words(name.replace(/\b((?:\p{Lu}\.){2,})/gu, (dotted) => dotted.replaceAll('.', '')));
  if (w[0] === 'the') w = w.slice(1);
  while (w.length > 1 && STATE_WORDS.has(w.at(-1)!)) w = w.slice(0, -1);
  const found = COUNTRY_FORMS.exact.get(w.join(' '));
  if (found) return found;
  // A last word alone counts only as a proper noun, as written: "Britain", never "the britain".
  const bare = name.trim().replace(/^the\s+/iu, '').split(/\s+/u)[0] ?? '';
  return w.length === 1 && /^\p{Lu}/u.test(bare) ? COUNTRY_FORMS.tails.get(w[0]!) : undefined;
}

/**
 * The identity of an actor name as an engine gives it, or `undefined` for a generic reference
 * ("officials", "the company", "he"), which the ledger leaves out of cross-story matching.
 */
export function identify(actor: string): ActorIdentity | undefined {
  const trimmed = actor.trim().replace(/\s+/gu, ' ');
  if (trimmed === '' || GENERIC.has(trimmed.toLowerCase())) return undefined;
  const country = countryOf(trimmed);
  if (country) return { key: `country:${country.code}`, kind: 'country', name: country.name };
  const raw = trimmed.replace(/^the\s+/iu, '');
  const w = words(raw);
  if (w.length === 0) return undefined;
  // An abbreviation ("EU", "NATO", "IMF") or a name with an organisation word is an organisation,
  // keyed by its initials so the full name and the abbreviation meet whichever comes first.
  if (/^[\p{Lu}&.]{2,8}$/u.test(raw.replace(/\s/gu, ''))) {
    return { key: `org:${raw.replace(/[.\s]/gu, '').toUpperCase()}`, kind: 'organisation', name: raw };
  }
  if (w.some((x) => ORG_WORDS.has(x))) {
    // "Council leader Priya Lund" is Priya Lund, not the council: a role, then a person's name.
    const tokens = raw.split(' ');
    const role = tokens.findLastIndex((t) => ROLE_BEFORE_NAME.has(t.toLowerCase()));
    const after = tokens.slice(role + 1);
    if (role >= 0 && after.some((t) => /^\p{Lu}/u.test(t) && !TITLES.has(words(t)[0] ?? '')) && !after.some((t) => ORG_WORDS.has(words(t)[0] ?? ''))) {
      return identify(after.join(' '));
    }
    const initials = w.filter((x) => !JOINERS.has(x)).map((x) => x[0]!.toUpperCase()).join('');
    return { key: `org:${initials}`, kind: 'organisation', name: raw.replace(/^./u, (c) => c.toUpperCase()) };
  }
  const parts = raw.split(' ').filter((p) => !TITLES.has(words(p)[0] ?? ''));
  const names = parts.filter((p) => /^\p{Lu}/u.test(p));
  if (names.length === 0) return GENERIC.has(w.at(-1)!) ? undefined : { key: `other:${w.join(' ')}`, kind: 'organisation', name: raw };
  const surname = words(names.at(-1)!).join(' ');
  if (names.length === 1) return { key: `surname:${surname}`, kind: 'person', name: names[0]!, surname };
  return { key: `person:${words(names.join(' ')).join(' ')}`, kind: 'person', name: names.join(' '), surname };
}

/** What the ledger knows of an actor key in a workspace. */
export interface KnownActor {
  /** Display name: the longest form seen. */
  name: string;
  /** Entity kind. */
  kind: ActorKind;
  /** For people: lower-cased surname. */
  surname?: string;
  /** Entries indexed under this key. */
  entries: number;
}

/**
 * The index keys a query for `query` reads, given the workspace's known actors, and the
 * canonical name of the group. A lone surname merges with a full name of that surname only
 * when the workspace has exactly one person of that surname; otherwise it stays apart.
 */
export function resolveQuery(
  query: string,
  known: Readonly<Record<string, KnownActor>>,
): { keys: string[]; name: string; ambiguous?: string[] } | undefined {
  // People type names in lower case ("trump", "the eu"); the stored forms decide which reading is meant.
  const readings = [query, titleCase(query), query.toUpperCase()].map(identify).filter((x) => x !== undefined);
  const id = readings.find((r) => known[r.key] || (r.surname !== undefined && Object.values(known).some((k) => k.surname === r.surname))) ?? readings.find((r) => !r.key.startsWith('other:')) ?? readings[0];
  if (!id) return undefined;
  return { ...group(id.key, id.surname, known, id.name), ...(id.kind === 'person' && id.key.startsWith('surname:') ? ambiguity(id.surname!, known) : {}) };
}

/** The canonical group of `key`: its key, plus the lone-surname key or the one full name it merges with. */
export function group(
  key: string,
  surname: string | undefined,
  known: Readonly<Record<string, KnownActor>>,
  fallback = key.replace(/^[a-z]+:/u, ''),
): { keys: string[]; name: string } {
  if (surname === undefined) return { keys: [key], name: known[key]?.name ?? fallback };
  const full = Object.keys(known).filter((k) => k.startsWith('person:') && known[k]!.surname === surname);
  const lone = `surname:${surname}`;
  if (full.length !== 1 || (key !== lone && full[0] !== key)) return { keys: [key], name: known[key]?.name ?? fallback };
  return { keys: [full[0]!, ...(known[lone] ? [lone] : [])], name: known[full[0]!]!.name };
}

function ambiguity(surname: string, known: Readonly<Record<string, KnownActor>>): { ambiguous?: string[] } {
  const full = Object.keys(known).filter((k) => k.startsWith('person:') && known[k]!.surname === surname);
  return full.length > 1 ? { ambiguous: full.map((k) => known[k]!.name) } : {};
}

function titleCase(text: string): string {
  return text.replace(/\p{L}+/gu, (w) => (JOINERS.has(w.toLowerCase()) ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()));
}
