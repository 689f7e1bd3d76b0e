/**
 * Every store namespace and key name the bot uses, in one place.
 *
 * What a user posts, pastes or subscribes is kept per workspace (`Conversation.workspace`: a
 * Slack team, a Discord guild or DM, `shell`, the CLI's `--workspace`): those keys start with
 * the workspace, see {@link workspaceKey}, so no key built in one workspace can name another's
 * record, whatever a channel or thread id says. Engine results are the exception: they are a
 * cache of computation keyed by the story text's hash, and hold nothing a workspace added.
 * Keys written before workspaces existed (no prefix) are never read again; see the README.
 */
export const namespaces = {
  /** Stories: key is `workspace:Story.id`, value is the `Story`. */
  story: 'story',
  /** Cached engine results, shared by every workspace: key is {@link resultKey}, value is the engine's output. */
  result: 'result',
  /** URLs a workspace fetched: key is `workspace:URL as given`, value is the `Story.id` it produced. */
  url: 'url',
  /** Conversation threads: key is `workspace:platform:channel:thread`, value is the `Story.id` it discusses. */
  thread: 'thread',
  /** Stories posted in a channel: key is `workspace:platform:channel`, value is `Story.id`s, newest first. */
  channel: 'channel',
  /** Registries: key `workspace:recent` holds the ids of the workspace's latest ingested stories, newest first. */
  index: 'index',
  /** Platform events already handled (retried deliveries are dropped): key is a platform event key, value `true`. */
  event: 'event',
  /** LLM token use: key is a UTC day (`YYYY-MM-DD`), value is per-model totals; key `days` lists the days. */
  usage: 'usage',
  /** Readiness probes: nothing is stored; `/readyz` reads key `probe` to see the store answer. */
  health: 'health',
} as const;

/**
 * A key inside a workspace: the workspace id and the key's parts, each URI-encoded and joined
 * by `:`, so neither a `:` in a part nor a crafted channel id can reach another workspace's key.
 */
export function workspaceKey(workspace: string, ...parts: string[]): string {
  return [workspace, ...parts].map(encodeURIComponent).join(':');
}

/** One of the namespaces in {@link namespaces}. */
export type StoreNamespace = (typeof namespaces)[keyof typeof namespaces];

/** Everything a cached engine result depends on; change any part and the cache misses. */
export interface ResultKeyParts {
  /** `Story.hash` of the story the result was computed from. */
  hash: string;
  /** The engine task, e.g. `summarise` or `attributions`. */
  task: string;
  /** The engine's `name`. */
  engine: string;
  /** The engine's `version`. */
  engineVersion: string;
  /** Version of the prompt template the engine used (the offline engine has one too). */
  promptVersion: string;
}

/**
 * The key of a cached engine result in the `result` namespace. Story hash first, so all
 * results of one text share a prefix; each part is URI-encoded so a `:` inside a part
 * cannot make two different part lists produce the same key.
 */
export function resultKey(parts: ResultKeyParts): string {
  return [parts.hash, parts.task, parts.engine, parts.engineVersion, parts.promptVersion]
    .map(encodeURIComponent)
    .join(':');
}

/** Feed subscriptions (`src/feeds/`): namespaces appended here to keep the list above unchanged. */
export const feedNamespaces = {
  /**
   * One feed's state: key is the feed URL, value is a `FeedState` (subscribers with their
   * workspaces, validators, seen ids, errors). Shared: a public feed is fetched once for every
   * subscriber, in any workspace; what is posted from it is stored in each subscriber's workspace.
   */
  feed: 'feed',
  /** A channel's feeds: key is `workspace:platform:channel` (`channelKey`), value is feed URLs in subscription order. */
  feedChannel: 'feed-channel',
  /** Registry of feeds: key `all` holds every subscribed feed URL. */
  feedList: 'feed-list',
  /** Which poller is checking a feed: key is the feed URL, value the replica id; expires. */
  feedLease: 'feed-lease',
  /** Who is making a post: key is a hash of feed URL, item id and channel key, value the replica id; expires. */
  feedClaim: 'feed-claim',
  /** A channel's next free posting slot across replicas (`FEED_POST_PACING`): key is a `channelKey`, value ms since the epoch. */
  feedPace: 'feed-pace',
} as const;

/** The commitment ledger (`src/ledger/`): every key is prefixed by the URI-encoded workspace id. */
export const ledgerNamespaces = {
  /** A story the ledger recorded: key is `workspace:Story.id`, value its hash and its entries by actor key. */
  ledgerStory: 'ledger-story',
  /**
   * An actor's index: key is `workspace:actor key` (`country:GBR`, `person:donald trump` …), value
   * one small reference per entry (story, date, stance, action), oldest first; no quotes or titles.
   */
  ledgerActor: 'ledger-actor',
  /** A workspace's actors: key is the workspace id, value actor key → name, kind and number of entries. */
  ledgerActors: 'ledger-actors',
} as const;
