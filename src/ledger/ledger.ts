import type { Commitment } from '../citations/gate.js';
import type { Stance } from '../engines/engine.js';
import { ledgerNamespaces } from '../store/keys.js';
import type { Store } from '../store/store.js';
import type { Quote, Story } from '../story/story.js';
import { group, identify, resolveQuery } from './actors.js';
import type { KnownActor } from './actors.js';
import { matterWords, sameMatter } from './matter.js';

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
  /** Pledged, refused, conditional or considering. */
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

/** An entry as stored under its actor key: no canonical name (that depends on the workspace) and no change (computed on reading). */
interface StoredEntry extends Omit<LedgerEntry, 'actor' | 'change'> {
  /** `Story.hash` the entry was computed from. */
  hash: string;
}

/** What the ledger remembers of a story it recorded. */
interface StoryRecord {
  hash: string;
  /** Actor keys the story's entries are indexed under. */
  keys: string[];
}

/** An actor's entries, newest first, with their matters. */
export interface ActorLedger {
  /** Canonical name. */
  actor: string;
  /** Entries, newest first. */
  entries: LedgerEntry[];
  /** Index into `entries` → matter number (entries of one matter share it). */
  matters: number[];
  /** When a lone surname was asked for and the workspace has several people of that surname. */
  ambiguous?: string[];
}

/** A workspace's actor with its number of entries. */
export interface ActiveActor {
  /** Canonical name. */
  actor: string;
  /** How many entries the ledger holds for them. */
  entries: number;
}

/**
 * The commitment ledger: every commitment of every story processed in a workspace, indexed per
 * workspace and actor in the store, so reading an actor costs the entries of that actor only.
 * Every write is an atomic `Store.update`, so concurrent writers (replicas) lose nothing.
 */
export class Ledger {
  constructor(private readonly store: Store) {}

  /**
   * Records `commitments` of `story` in `workspace`. The same story text again adds nothing; a
   * new version of the story (same id, different hash) replaces its entries. Commitments by a
   * generic actor ("officials") are left out. Resolves with the number of entries written.
   */
  async record(workspace: string, story: Story, commitments: readonly Commitment[], seenAt: Date = new Date()): Promise<number> {
    const storyKey = wsKey(workspace, story.id);
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
    let previous: StoryRecord | undefined;
    await this.store.update<StoryRecord>(ledgerNamespaces.ledgerStory, storyKey, (current) => {
      previous = current;
      return current?.hash === story.hash ? current : { hash: story.hash, keys: [...byKey.keys()] };
    });
    if (previous?.hash === story.hash) return 0;
    const keys = new Set([...(previous?.keys ?? []), ...byKey.keys()]);
    const counts = new Map<string, number>();
    for (const key of keys) {
      const mine = byKey.get(key) ?? [];
      let before = 0;
      const written = await this.store.update<StoredEntry[]>(ledgerNamespaces.ledgerActor, wsKey(workspace, key), (current = []) => {
        before = current.length;
        const next = [...current.filter((e) => e.story.id !== story.id), ...mine];
        return next.length > 0 ? next : undefined;
      });
      // A difference, not a total: concurrent writers' differences add up in any order.
      counts.set(key, (written?.length ?? 0) - before);
    }
    if (counts.size === 0) return 0;
    await this.store.update<Record<string, KnownActor>>(ledgerNamespaces.ledgerActors, encodeURIComponent(workspace), (current = {}) => {
      const next = { ...current };
      for (const [key, delta] of counts) {
        const known = next[key];
        const seen = names.get(key);
        const n = (known?.entries ?? 0) + delta;
        if (n <= 0 || (!known && !seen)) delete next[key];
        else if (!known) next[key] = { ...seen!, entries: n };
        else next[key] = { ...known, ...(seen && seen.name.length > known.name.length ? { name: seen.name } : {}), entries: n };
      }
      return next;
    });
    return [...byKey.values()].reduce((n, list) => n + list.length, 0);
  }

  /**
   * The entries of the actor `query` names in `workspace` (merged across the forms of their
   * name), newest first, with changes of stance marked; entries before `since` are left out.
   * `undefined` when `query` is a generic reference.
   */
  async actor(workspace: string, query: string, since?: Date): Promise<ActorLedger | undefined> {
    const known = await this.known(workspace);
    const resolved = resolveQuery(query, known);
    if (!resolved) return undefined;
    const stored = (await Promise.all(resolved.keys.map((k) => this.store.get<StoredEntry[]>(ledgerNamespaces.ledgerActor, wsKey(workspace, k))))).flat();
    return { ...withChanges(resolved.name, stored.filter((e) => e !== undefined), since), ...(resolved.ambiguous ? { ambiguous: resolved.ambiguous } : {}) };
  }

  /** Every actor's entries in `workspace` (for the CLI and spreadsheets), each actor newest first. */
  async all(workspace: string, since?: Date): Promise<ActorLedger[]> {
    const known = await this.known(workspace);
    const groups = new Map<string, { keys: string[]; name: string }>();
    for (const [key, actor] of Object.entries(known)) {
      const g = group(key, actor.surname, known);
      groups.set(g.keys[0]!, g);
    }
    const out: ActorLedger[] = [];
    for (const g of groups.values()) {
      const stored = (await Promise.all(g.keys.map((k) => this.store.get<StoredEntry[]>(ledgerNamespaces.ledgerActor, wsKey(workspace, k))))).flat();
      const ledger = withChanges(g.name, stored.filter((e) => e !== undefined), since);
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

  private async known(workspace: string): Promise<Record<string, KnownActor>> {
    return (await this.store.get<Record<string, KnownActor>>(ledgerNamespaces.ledgerActors, encodeURIComponent(workspace))) ?? {};
  }
}

function wsKey(workspace: string, key: string): string {
  return [workspace, key].map(encodeURIComponent).join(':');
}

/** The story's publication date when it parses, else when the bot saw it. */
function entryDate(story: Story, seenAt: Date): string {
  const published = story.meta.publishedAt ? Date.parse(story.meta.publishedAt) : Number.NaN;
  return new Date(Number.isNaN(published) ? seenAt.getTime() : published).toISOString();
}

/**
 * Orders entries oldest first, groups them by matter, and marks each entry whose stance differs
 * from the latest earlier entry on its matter; then returns them newest first.
 */
function withChanges(actor: string, stored: StoredEntry[], since?: Date): Omit<ActorLedger, 'ambiguous'> {
  const ordered = [...stored].sort((a, b) => a.date.localeCompare(b.date) || a.story.id.localeCompare(b.story.id) || a.quote.start - b.quote.start);
  const matters: Array<{ words: string[]; last: StoredEntry }> = [];
  const out: Array<{ entry: LedgerEntry; matter: number }> = [];
  for (const e of ordered) {
    const words = matterWords(e.action);
    let m = matters.findIndex((x) => sameMatter(x.words, words));
    let change: LedgerChange | null = null;
    if (m === -1) {
      m = matters.push({ words, last: e }) - 1;
    } else {
      const last = matters[m]!.last;
      if (last.stance !== e.stance) change = { from: last.stance, story: last.story.id, date: last.date };
      matters[m] = { words: [...new Set([...matters[m]!.words, ...words])], last: e };
    }
    const { hash: _hash, ...rest } = e;
    out.push({ entry: { actor, ...rest, change }, matter: m });
  }
  const kept = out.filter((x) => !since || Date.parse(x.entry.date) >= since.getTime()).reverse();
  return { actor, entries: kept.map((x) => x.entry), matters: kept.map((x) => x.matter) };
}
