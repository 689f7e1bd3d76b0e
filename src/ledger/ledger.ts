import type { Commitment } from '../citations/gate.js';
import type { Stance } from '../engines/engine.js';
import { ledgerNamespaces, workspaceKey } from '../store/keys.js';
import type { Store } from '../store/store.js';
import type { Quote, Story } from '../story/story.js';
import { group, identify, resolveQuery } from './actors.js';
import type { KnownActor } from './actors.js';
import { matterOf, sameMatter } from './matter.js';
import type { Matter } from './matter.js';

/** The story a ledger entry comes from. */
export interface LedgerStory {
  /** `Story.id`. */
  id: string;
  /** Headline, if known. */
  title: string | null;
  /** Web address, if it came from the web. */
  url: string | null;
  /** Publication time as the story gives it, if known. */
  publishedAt: string | null;
}

/** An earlier entry on the same matter whose stance the entry changes. */
export interface LedgerChange {
  /** The earlier stance. */
  from: Stance;
  /** `Story.id` of the earlier entry's story. */
  story: string;
  /** The earlier entry's date. */
  date: string;
}

/** One commitment in a workspace's ledger, as the CLI writes it (one JSON line each). */
export interface LedgerEntry {
  /** Canonical actor ("United Kingdom", "Donald Trump"). */
  actor: string;
  /** The actor as the story names them for this commitment. */
  mention: string;
  /** What, in a few words. */
  action: string;
  /** Pledged, refused, conditional, considering, or only agreeing with a view ({@link Stance}). */
  stance: Stance;
  /** The condition, for conditional commitments. */
  condition: string | null;
  /** The verified quote with its offsets into the story text. */
  quote: Quote;
  /** Where it was said. */
  story: LedgerStory;
  /** ISO date: the story's `publishedAt`, else when the bot first saw the story. */
  date: string;
  /** Set when this entry changes the actor's stance on a matter. */
  change: LedgerChange | null;
}

/** An entry as stored under its actor and story: no canonical name (that depends on the workspace) and no change (computed on reading). */
interface StoredEntry extends Omit<LedgerEntry, 'actor' | 'change'> {
  /** `Story.hash` the entry was computed from. */
  hash: string;
}

/**
 * What an actor's index holds of one entry: enough to order the actor's entries, group them by
 * matter and find changes of stance, and no more (the quote, mention and story live in the
 * entry itself), so reading a heavy actor's index stays cheap.
 */
interface EntryRef {
  /** `Story.id`. */
  s: string;
  /** Position of the entry among that story's entries for the actor. */
  i: number;
  /** `LedgerEntry.date`. */
  d: string;
  /** Stance. */
  t: Stance;
  /** Action, for matching matters. */
  a: string;
  /** The story version ({@link StoryRecord.gen}) the entry belongs to; absent for the first. */
  g?: number;
}

/**
 * An actor's index head: how many slots its pages have handed out. Each story version takes
 * one slot, by an atomic increment, before its record is written; slot `n` lives in page
 * `floor(n / size)`. So a write touches one page of at most `size` stories whatever the actor's
 * history, and a reader knows which pages to read without listing keys.
 */
interface ActorHead {
  /** Slots handed out. */
  next: number;
  /** Stories a page holds, fixed when the head is made (a later default does not move old slots). */
  size: number;
}

/**
 * One page of an actor's index: the references of the story versions whose slots fall in it,
 * oldest first. `floor` holds, for a story replaced by a newer version, that version's number:
 * references of older versions are removed and refused from then on, so a writer of an old
 * version that arrives late cannot put its references back. Only stories with slots in this
 * page ever appear in it, so both lists stay within the page's `size` stories.
 */
interface IndexPage {
  refs: EntryRef[];
  floor?: Record<string, number>;
}

/**
 * What the ledger remembers of a story it recorded: its entries in full, by actor key. One
 * record per story, written in the same atomic step that decides whether the story is new, so
 * a story's entries cost one write whatever its actors, and a new version replaces them all.
 * It names the index page holding each actor's references, so the next version removes them
 * from those pages only.
 */
interface StoryRecord {
  hash: string;
  /** Version number, 1 for the first recorded text, one more for each new version; the highest wins the index. */
  gen?: number;
  /** Actor key → the name, kind and surname this version gives it (for the workspace's actor list). */
  actors?: Record<string, Omit<KnownActor, 'entries'>>;
  /** Actor key → the page of that actor's index holding this version's references. */
  pages?: Record<string, number>;
  /** Actor key → that actor's entries in this story, in the order its index refers to them. */
  entries?: Record<string, StoredEntry[]>;
}

/**
 * Whether `record` already holds the story text of `hash` in this layout. A record written by
 * an earlier layout of the ledger (no `pages`) does not count, so processing its story again
 * records it anew rather than leaving it out for good.
 */
function recorded(record: StoryRecord | undefined, hash: string): boolean {
  return record?.hash === hash && record.pages !== undefined;
}

/** Stories per index page by default: a page of references stays around 10–20 KB. */
export const LEDGER_PAGE_SIZE = 128;

/** How a {@link Ledger} lays out its indexes. */
export interface LedgerOptions {
  /** Stories per page of a new actor index; default {@link LEDGER_PAGE_SIZE}. */
  pageSize?: number;
}

/** An actor's entries in the order replies list them, with their matters. */
export interface ActorLedger {
  /** Canonical name. */
  actor: string;
  /**
   * Entries (all of them, or the first `first` asked for) in reply order: matters with a change
   * of stance first, then matters by their newest entry, each matter's entries newest first.
   */
  entries: LedgerEntry[];
  /** Index into `entries` → matter number (entries of one matter share it). */
  matters: number[];
  /** How many entries the actor has (since `since`), shown or not. */
  total: number;
  /** When a lone surname was asked for and the workspace has several people of that surname. */
  ambiguous?: string[];
}

/** What {@link Ledger.actor} reads. */
export interface ActorQuery {
  /** Entries dated before this are left out. */
  since?: Date;
  /** Read only the first this many entries in reply order (a chat reply shows no more). */
  first?: number;
}

/** A workspace's actor with its number of entries. */
export interface ActiveActor {
  /** Canonical name. */
  actor: string;
  /** How many entries the ledger holds for them. */
  entries: number;
}

/**
 * The commitment ledger: every commitment of every story processed in a workspace. A story's
 * entries are kept in full in its ledger record; each actor has an index of small references
 * (story, date, stance, action) in pages of a fixed number of stories. Recording a story costs
 * a few values of bounded size per actor (the head's slot counter, one page, and the page of
 * the version it replaces), however many entries the actor has; every write is an atomic
 * `Store.update`, so concurrent writers (replicas) lose nothing. Reading an actor costs its
 * pages (matters and changes are worked out from them) plus the stories of the entries shown,
 * never the workspace's other stories; a chat reply reads ten at most.
 */
export class Ledger {
  private readonly pageSize: number;

  constructor(
    private readonly store: Store,
    options: LedgerOptions = {},
  ) {
    this.pageSize = options.pageSize ?? LEDGER_PAGE_SIZE;
  }

  /**
   * Records `commitments` of `story` in `workspace`. The same story text again adds nothing; a
   * new version of the story (same id, different hash) replaces its entries. Commitments by a
   * generic actor ("officials") are left out. Resolves with the number of entries written.
   *
   * Of several versions of one story recorded at once, the one whose story record is written
   * last wins, and the index ends up holding exactly its references: each version's
   * references carry its number, and every page write drops those of lower numbers.
   */
  async record(workspace: string, story: Story, commitments: readonly Commitment[], seenAt: Date = new Date()): Promise<number> {
    const storyKey = workspaceKey(workspace, story.id);
    const date = entryDate(story, seenAt);
    const byKey = new Map<string, StoredEntry[]>();
    const names = new Map<string, Omit<KnownActor, 'entries'>>();
    for (const c of commitments) {
      const id = identify(c.actor);
      if (!id) continue;
      const entry: StoredEntry = {
        mention: c.actorMention?.text ?? c.actor,
        action: c.action,
        stance: c.stance,
        condition: c.condition,
        quote: { text: c.quote.text, start: c.quote.start, end: c.quote.end },
        story: { id: story.id, title: story.meta.title, url: story.meta.canonicalUrl ?? story.meta.url, publishedAt: story.meta.publishedAt },
        date,
        hash: story.hash,
      };
      byKey.set(id.key, [...(byKey.get(id.key) ?? []), entry]);
      const before = names.get(id.key);
      if (!before || id.name.length > before.name.length) names.set(id.key, { name: id.name, kind: id.kind, ...(id.surname ? { surname: id.surname } : {}) });
    }
    // Only a shortcut, so a story seen again takes no slots: the atomic update below decides.
    if (recorded(await this.store.get<StoryRecord>(ledgerNamespaces.ledgerStory, storyKey), story.hash)) return 0;
    // Slots first, so the record can say where its references go before any reader meets them.
    const pages = Object.fromEntries(await Promise.all([...byKey.keys()].map(async (key) => [key, await this.slot(workspace, key)] as const)));
    let previous: StoryRecord | undefined;
    await this.store.update<StoryRecord>(ledgerNamespaces.ledgerStory, storyKey, (current) => {
      previous = current;
      if (recorded(current, story.hash)) return current;
      return { hash: story.hash, gen: (current?.gen ?? 0) + 1, actors: Object.fromEntries(names), pages, entries: Object.fromEntries(byKey) };
    });
    if (recorded(previous, story.hash)) return 0;
    const gen = (previous?.gen ?? 0) + 1;
    // This version's pages, and the previous version's where they differ: its references go.
    const writes: Array<{ key: string; page: number; refs: EntryRef[] }> = [...byKey].map(([key, mine]) => ({
      key,
      page: pages[key]!,
      refs: mine.map((e, i) => ({ s: story.id, i, d: e.date, t: e.stance, a: e.action, ...(gen > 1 ? { g: gen } : {}) })),
    }));
    for (const [key, page] of Object.entries(previous?.pages ?? {})) {
      if (pages[key] !== page) writes.push({ key, page, refs: [] });
    }
    const counts = new Map<string, number>();
    // The story record (with the entries) is written before the pages: a reader who finds a reference finds its entry.
    await Promise.all(
      writes.map(async ({ key, page, refs }) => {
        const delta = await this.place(workspace, key, page, story.id, gen, refs);
        counts.set(key, (counts.get(key) ?? 0) + delta);
      }),
    );
    if (counts.size === 0) return 0;
    await this.store.update<Record<string, KnownActor>>(ledgerNamespaces.ledgerActors, workspaceKey(workspace), (current = {}) => {
      const next = { ...current };
      for (const [key, delta] of counts) {
        const known = next[key];
        const seen = names.get(key) ?? previous?.actors?.[key];
        const n = (known?.entries ?? 0) + delta;
        // Counts are sums of differences, so they may dip below zero while a writer that
        // removed an entry lands before the one that added it; they are kept until they meet zero.
        if (n === 0 || (!known && !seen)) delete next[key];
        else if (!known) next[key] = { ...seen!, entries: n };
        else next[key] = { ...known, ...(seen && seen.name.length > known.name.length ? { name: seen.name } : {}), entries: n };
      }
      return next;
    });
    return [...byKey.values()].reduce((n, list) => n + list.length, 0);
  }

  /** Takes the next slot of the actor's index and resolves with the page it falls in. */
  private async slot(workspace: string, key: string): Promise<number> {
    const head = await this.store.update<ActorHead>(ledgerNamespaces.ledgerActor, workspaceKey(workspace, key), (current) => {
      const size = current?.size ?? this.pageSize;
      return { next: (current?.next ?? 0) + 1, size };
    });
    return Math.floor((head!.next - 1) / head!.size);
  }

  /**
   * In one atomic update of the page: removes the story's references of versions older than
   * `gen` (or than a newer version already seen there) and, unless a newer version has been
   * seen, puts `refs` in their places. Resolves with the change in the page's number of references.
   */
  private async place(workspace: string, key: string, page: number, storyId: string, gen: number, refs: readonly EntryRef[]): Promise<number> {
    let delta = 0;
    await this.store.update<IndexPage>(ledgerNamespaces.ledgerPage, workspaceKey(workspace, key, String(page)), (current) => {
      const before = current?.refs ?? [];
      const floor = Math.max(current?.floor?.[storyId] ?? 1, gen);
      const kept = before.filter((r) => r.s !== storyId || (r.g ?? 1) >= floor);
      const next = gen === floor ? merged(kept, refs) : kept;
      delta = next.length - before.length;
      // A first version needs no floor: no version is older.
      const floors = floor > 1 ? { ...current?.floor, [storyId]: floor } : current?.floor;
      return { refs: next, ...(floors ? { floor: floors } : {}) };
    });
    return delta;
  }

  /**
   * The entries of the actor `query` names in `workspace` (merged across the forms of their
   * name) in reply order, with changes of stance marked; entries before `since` are left out.
   * Reads the actor's index and then the entries of the first `first` references only.
   * `undefined` when `query` is a generic reference.
   */
  async actor(workspace: string, query: string, options: ActorQuery = {}): Promise<ActorLedger | undefined> {
    const known = await this.known(workspace);
    const resolved = resolveQuery(query, known);
    if (!resolved) return undefined;
    const ledger = await this.read(workspace, resolved, options);
    return { ...ledger, ...(resolved.ambiguous ? { ambiguous: resolved.ambiguous } : {}) };
  }

  /** Every actor's entries in `workspace` (for the CLI and spreadsheets), most entries first. */
  async all(workspace: string, since?: Date): Promise<ActorLedger[]> {
    const known = await this.known(workspace);
    const groups = new Map<string, { keys: string[]; name: string }>();
    for (const [key, actor] of Object.entries(known)) {
      const g = group(key, actor.surname, known);
      groups.set(g.keys[0]!, g);
    }
    const out: ActorLedger[] = [];
    for (const g of groups.values()) {
      const ledger = await this.read(workspace, g, since ? { since } : {});
      if (ledger.entries.length > 0) out.push(ledger);
    }
    return out.sort((a, b) => b.entries.length - a.entries.length || a.actor.localeCompare(b.actor));
  }

  /** The workspace's actors with the most entries, most first. */
  async active(workspace: string, limit: number): Promise<ActiveActor[]> {
    const known = await this.known(workspace);
    const totals = new Map<string, ActiveActor>();
    for (const [key, actor] of Object.entries(known)) {
      const g = group(key, actor.surname, known);
      const t = totals.get(g.keys[0]!) ?? { actor: g.name, entries: 0 };
      totals.set(g.keys[0]!, { ...t, entries: t.entries + actor.entries });
    }
    return [...totals.values()].sort((a, b) => b.entries - a.entries || a.actor.localeCompare(b.actor)).slice(0, limit);
  }

  /** The group's indexes, ordered for replying; then the entries of the references kept. */
  private async read(workspace: string, g: { keys: string[]; name: string }, options: ActorQuery): Promise<Omit<ActorLedger, 'ambiguous'>> {
    const indexes = await Promise.all(g.keys.map(async (key) => ({ key, refs: await this.index(workspace, key) })));
    // Each index is oldest first already; a name and its lone surname are merged in one pass.
    const keyOf = new Map<EntryRef, string>();
    let refs: EntryRef[] = [];
    for (const index of indexes) {
      for (const ref of index.refs) keyOf.set(ref, index.key);
      refs = refs.length === 0 ? index.refs : merged(refs, index.refs);
    }
    const ordered = replyOrder(refs, options.since);
    const total = ordered.length;
    const kept = options.first === undefined ? ordered : ordered.slice(0, options.first);
    // One read per story, however many of its entries are shown.
    const wanted = new Map<string, Promise<StoryRecord | undefined>>();
    for (const { ref } of kept) {
      if (!wanted.has(ref.s)) wanted.set(ref.s, this.store.get<StoryRecord>(ledgerNamespaces.ledgerStory, workspaceKey(workspace, ref.s)));
    }
    const entries: LedgerEntry[] = [];
    const matters: number[] = [];
    for (const { ref, change, matter } of kept) {
      const record = await wanted.get(ref.s)!;
      const stored = record?.entries?.[keyOf.get(ref)!]?.[ref.i];
      // A reference whose story is being replaced by a new version right now: left out.
      if (!stored || (record!.gen ?? 1) !== (ref.g ?? 1)) continue;
      const { hash: _hash, ...rest } = stored;
      entries.push({ actor: g.name, ...rest, change });
      matters.push(matter);
    }
    return { actor: g.name, entries, matters, total };
  }

  /** An actor's references, oldest first: all its pages, read at once and put together. */
  private async index(workspace: string, key: string): Promise<EntryRef[]> {
    const head = await this.store.get<ActorHead>(ledgerNamespaces.ledgerActor, workspaceKey(workspace, key));
    if (!head || !(head.next > 0 && head.size > 0)) return [];
    const count = Math.ceil(head.next / head.size);
    const pages = await Promise.all(Array.from({ length: count }, (_, p) => this.store.get<IndexPage>(ledgerNamespaces.ledgerPage, workspaceKey(workspace, key, String(p)))));
    // Each page is oldest first; the sort finds those runs and merges them.
    return pages.flatMap((page) => (Array.isArray(page?.refs) ? page.refs : [])).sort(byDate);
  }

  /** The workspace's actors with entries (a count below one is a removal whose addition is still on its way). */
  private async known(workspace: string): Promise<Record<string, KnownActor>> {
    const all = (await this.store.get<Record<string, KnownActor>>(ledgerNamespaces.ledgerActors, workspaceKey(workspace))) ?? {};
    return Object.fromEntries(Object.entries(all).filter(([, actor]) => actor.entries > 0));
  }
}

/** The story's publication date when it parses, else when the bot saw it. */
function entryDate(story: Story, seenAt: Date): string {
  const published = story.meta.publishedAt ? Date.parse(story.meta.publishedAt) : Number.NaN;
  return new Date(Number.isNaN(published) ? seenAt.getTime() : published).toISOString();
}

/**
 * Oldest first: by date, then story, then position in the story. ISO dates and story ids are
 * ASCII, so code-unit order is their order (and far cheaper than `localeCompare` on a heavy
 * actor's thousands of references).
 */
function byDate(a: EntryRef, b: EntryRef): number {
  if (a.d !== b.d) return a.d < b.d ? -1 : 1;
  if (a.s !== b.s) return a.s < b.s ? -1 : 1;
  return a.i - b.i;
}

/** `refs` (oldest first) with `more` put in their places, in one pass. */
function merged(refs: readonly EntryRef[], more: readonly EntryRef[]): EntryRef[] {
  if (more.length === 0) return [...refs];
  const adding = [...more].sort(byDate);
  const out: EntryRef[] = [];
  let j = 0;
  for (const r of refs) {
    while (j < adding.length && byDate(adding[j]!, r) < 0) out.push(adding[j++]!);
    out.push(r);
  }
  while (j < adding.length) out.push(adding[j++]!);
  return out;
}

/** A reference with its matter and, when it changes its matter's stance, the change. */
interface Placed {
  ref: EntryRef;
  matter: number;
  change: LedgerChange | null;
}

/**
 * Groups references (oldest first) by matter and marks each whose stance differs from the
 * latest earlier one on its matter: worked out from the dates on every read, so stories may
 * arrive in any order. Then leaves out those before `since` and orders the rest as replies
 * list them: matters with a change first, then by their newest entry, entries newest first.
 */
function replyOrder(refs: readonly EntryRef[], since?: Date): Placed[] {
  // Actions repeat across a heavy actor's entries: each is parsed once.
  const parsed = new Map<string, Matter>();
  const matterOfRef = (r: EntryRef): Matter => {
    let m = parsed.get(r.a);
    if (!m) parsed.set(r.a, (m = matterOf(r.a)));
    return m;
  };
  const groups: Array<{ words: string[]; object: string[]; last: EntryRef; placed: Placed[] }> = [];
  for (const ref of refs) {
    const m = matterOfRef(ref);
    // A matter is its first entry's object and the words of all its entries.
    let at = groups.findIndex((g) => sameMatter(g, m));
    let change: LedgerChange | null = null;
    if (at === -1) {
      at = groups.push({ words: m.words, object: m.object, last: ref, placed: [] }) - 1;
    } else {
      const g = groups[at]!;
      if (g.last.t !== ref.t) change = { from: g.last.t, story: g.last.s, date: g.last.d };
      g.words = [...new Set([...g.words, ...m.words])];
      g.last = ref;
    }
    groups[at]!.placed.push({ ref, matter: at, change });
  }
  const from = since?.getTime();
  const shown = groups
    .map((g) => g.placed.filter((p) => from === undefined || Date.parse(p.ref.d) >= from).reverse())
    .filter((placed) => placed.length > 0);
  const changed = (placed: Placed[]) => Number(placed.some((p) => p.change !== null));
  return shown.sort((a, b) => changed(b) - changed(a) || byDate(b[0]!.ref, a[0]!.ref)).flat();
}
