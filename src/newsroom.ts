import { createHash } from 'node:crypto';
import type { Answer, Attribution, Commitment, Gated, Summary } from './citations/gate.js';
import type { Engine } from './engines/engine.js';
import { describeError, EngineError, NewsroomError } from './errors.js';
import { Ledger } from './ledger/ledger.js';
import { loadInput } from './ingest/load-input.js';
import type { InputKind } from './bot/input-kind.js';
import type { LoadInputOptions } from './ingest/load-input.js';
import { prependId, readIds } from './store/id-list.js';
import type { IdList } from './store/id-list.js';
import { namespaces, resultKey, workspaceKey } from './store/keys.js';
import type { Store } from './store/store.js';
import { timeEngineTask } from './service/time-engine-task.js';
import type { Metrics } from './service/metrics.js';
import type { Story } from './story/story.js';
import { inlineTasks } from './workers/tasks.js';
import type { GateInput, TaskRunner } from './workers/tasks.js';

/** What a `Newsroom` is built from. */
export interface NewsroomOptions {
  /** Where stories and results are cached. */
  store: Store;
  /** The engine that does the work. */
  engine: Engine;
  /** Used when `engine` fails; normally the extractive engine. Omit for no fallback. */
  fallback?: Engine;
  /** How inputs are loaded (fetch limits, stdin, whether files may be read). */
  input?: Omit<LoadInputOptions, 'tasks'>;
  /**
   * Runs the CPU-heavy steps: page extraction, story building and the citation gate. The app
   * passes its `WorkerPool`; default: on this thread.
   */
  tasks?: TaskRunner;
  /** Longest an engine call may take before it is abandoned. Default 60 s. */
  engineTimeoutMs?: number;
  /**
   * After an outage of the engine (see `EngineError.outage`), how long the fallback serves
   * alone before the engine is tried again. Default 60 s.
   */
  engineRetryAfterMs?: number;
  /** Records engine task durations. */
  metrics?: Metrics;
  /**
   * When everything the engine returned for a task failed the checks (`EngineError.rejected`),
   * the fallback's stand-in is cached under the engine's key for this long, so the same story
   * does not cost the engine again on every request. Default 1 h.
   */
  rejectedResultTtlMs?: number;
  /**
   * Told, in one line, about a recording into the ledger that failed (see
   * `recordCommitments`); nobody waits for one, so this is where its error goes.
   * Default: standard error.
   */
  onRecordError?: (message: string) => void;
}

/** A cached engine result, with the identity of the engine that produced it. */
interface CachedResult<T> {
  engine: string;
  engineVersion: string;
  promptVersion: string;
  result: Gated<T>;
  /** A stand-in cached under the engine's key: the notice to repeat with it. */
  notice?: string;
  /** A stand-in: the version of the fallback that produced it. */
  standInVersion?: string;
}

type Task = 'summarise' | 'attributions' | 'commitments' | 'answer';

/** An engine result after the citation gate, with the name of the engine that produced it. */
export type Result<T> = Gated<T> & {
  /** `Engine.name` of the engine whose output this is (the fallback's, if it stood in). */
  engine: string;
  /** Set when the fallback stood in: why the configured engine was not used, in one line. */
  notice?: string;
};

/** A workspace's registry of recently ingested stories. */
function recentList(workspace: string): IdList {
  return { namespace: namespaces.index, key: workspaceKey(workspace, 'recent'), max: 1000 };
}

/**
 * The newsroom core: loads stories, runs the engine, passes every result through the
 * citation gate, and caches stories and results so nothing is fetched or computed twice.
 * Platform adapters and the CLI talk only to this.
 */
export class Newsroom {
  /** The commitment ledger, in the same store. */
  readonly ledger: Ledger;
  private readonly store: Store;
  private readonly engine: Engine;
  private readonly fallback: Engine | undefined;
  private readonly input: LoadInputOptions;
  private readonly tasks: TaskRunner;
  private readonly engineTimeoutMs: number;
  private readonly engineRetryAfterMs: number;
  private readonly metrics: Metrics | undefined;
  private readonly rejectedResultTtlMs: number;
  private readonly onRecordError: (message: string) => void;
  /** While the engine is out: until when (epoch ms), and why. */
  private outage: { until: number; reason: string } | undefined;
  /** Recordings into the ledger started after a reply and not yet finished. */
  private readonly recording = new Set<Promise<void>>();
  /**
   * Commitments being computed for recording, by story hash: a feed item posted to several
   * channels (or `/summarize` and `/who` of one story) starts several recordings at once, and
   * they share one computation.
   */
  private readonly toRecord = new Map<string, Promise<Commitment[]>>();

  constructor(options: NewsroomOptions) {
    this.store = options.store;
    this.ledger = new Ledger(options.store);
    this.engine = options.engine;
    this.fallback = options.fallback === options.engine ? undefined : options.fallback;
    this.tasks = options.tasks ?? inlineTasks;
    this.input = { ...options.input, tasks: this.tasks };
    this.engineTimeoutMs = options.engineTimeoutMs ?? 60_000;
    this.engineRetryAfterMs = options.engineRetryAfterMs ?? 60_000;
    this.metrics = options.metrics;
    this.rejectedResultTtlMs = options.rejectedResultTtlMs ?? 3_600_000;
    this.onRecordError = options.onRecordError ?? ((message) => process.stderr.write(`newsroom: ${message}\n`));
  }

  /**
   * Loads and caches a story in `workspace`. A URL the workspace already fetched is served from
   * the store; other inputs are read, and stored under their id. `kind` `'text'` reads `ref` as
   * pasted article text, never as a path or URL. Another workspace's fetch of the same URL is
   * not reused: each workspace fetches its own copy (engine results are still shared by hash).
   */
  async ingest(workspace: string, ref: string, kind?: InputKind): Promise<Story> {
    const isUrl = kind !== 'text' && /^https?:\/\//iu.test(ref.trim());
    const urlKey = workspaceKey(workspace, ref.trim());
    if (isUrl) {
      const id = await this.store.get<string>(namespaces.url, urlKey);
      const cached = id ? await this.story(workspace, id) : undefined;
      if (cached) return cached;
    }
    const story = await loadInput(ref, kind === 'text' ? { ...this.input, pasted: true } : this.input);
    await this.ingestStory(workspace, story);
    if (isUrl) await this.store.set(namespaces.url, urlKey, story.id);
    return story;
  }

  /** Stores a story built elsewhere (a feed item's own text) in `workspace`, as `ingest` stores a loaded one. */
  async ingestStory(workspace: string, story: Story): Promise<Story> {
    await this.store.set(namespaces.story, workspaceKey(workspace, story.id), story);
    await prependId(this.store, recentList(workspace), story.id);
    return story;
  }

  /** Ids of the stories most recently ingested in `workspace`, newest first (at most 1,000 are kept). */
  recentStoryIds(workspace: string): Promise<string[]> {
    return readIds(this.store, recentList(workspace));
  }

  /** A story stored in `workspace` by id, if there is one; another workspace's is never returned. */
  async story(workspace: string, id: string): Promise<Story | undefined> {
    return this.store.get<Story>(namespaces.story, workspaceKey(workspace, id));
  }

  /** A few points, each backed by a verbatim quote. */
  summarise(story: Story, signal?: AbortSignal): Promise<Result<Summary>> {
    return this.cached('summarise', story.hash, signal, async (engine, s) =>
      this.gate({ task: 'summarise', story, draft: await engine.summarise(story, s) }, s),
    );
  }

  /** Who said what. */
  attributions(story: Story, signal?: AbortSignal): Promise<Result<Attribution[]>> {
    return this.cached('attributions', story.hash, signal, async (engine, s) =>
      this.gate({ task: 'attributions', story, draft: await engine.attributions(story, s) }, s),
    );
  }

  /** Who committed to what. */
  commitments(story: Story, signal?: AbortSignal): Promise<Result<Commitment[]>> {
    return this.cached('commitments', story.hash, signal, this.commitmentsOf(story));
  }

  private commitmentsOf(story: Story): (engine: Engine, signal: AbortSignal) => Promise<Gated<Commitment[]>> {
    return async (engine, s) => this.gate({ task: 'commitments', story, draft: await engine.commitments(story, s) }, s);
  }

  /**
   * Records the story's commitments in `workspace`'s ledger, after the caller's reply: it
   * starts the work and returns at once, so no reply waits for it; `recorded()` waits for it.
   * `commitments`, when the caller has them (`/commitments`), are recorded as they are. Else
   * the configured engine's (or the fallback's) cached ones are; else they are computed by the
   * fallback (the extractive engine, in the worker pool: no LLM tokens for a `/summarize`) and
   * cached under its key, or by the engine itself when there is no fallback. The ledger adds
   * nothing for a story text it already holds. A failure is reported through `onRecordError`
   * in one line and never rejects.
   */
  recordCommitments(workspace: string, story: Story, commitments?: readonly Commitment[]): void {
    const work = (async () => {
      const found = commitments ?? (await this.commitmentsToRecord(story));
      await this.ledger.record(workspace, story, found);
    })().catch((error: unknown) => {
      this.onRecordError(`could not record the commitments of story ${story.id} in workspace ${workspace}: ${describeError(error)}`);
    });
    this.recording.add(work);
    void work.finally(() => this.recording.delete(work));
  }

  /** Resolves once every recording started by `recordCommitments` so far has finished (or failed and been reported). */
  async recorded(): Promise<void> {
    while (this.recording.size > 0) await Promise.all([...this.recording]);
  }

  /** The commitments to record for `story`: any engine's cached ones first, else the cheapest engine's. */
  private commitmentsToRecord(story: Story): Promise<Commitment[]> {
    const running = this.toRecord.get(story.hash);
    if (running) return running;
    const work = this.findCommitmentsToRecord(story).finally(() => this.toRecord.delete(story.hash));
    this.toRecord.set(story.hash, work);
    return work;
  }

  private async findCommitmentsToRecord(story: Story): Promise<Commitment[]> {
    // The configured engine's cached ones, when another engine would compute them; `cached`
    // then serves the cheapest engine's from the cache, or computes and caches them.
    if (this.fallback) {
      const hit = await this.cachedResult<Commitment[]>(this.keyOf('commitments', story.hash, this.engine), this.engine);
      if (hit) return hit.result.value;
    }
    return (await this.cached('commitments', story.hash, undefined, this.commitmentsOf(story), [this.fallback ?? this.engine])).value;
  }

  /** Answers a question from the stories alone; says so when they do not answer it. */
  answer(question: string, stories: Story[], signal?: AbortSignal): Promise<Result<Answer>> {
    const key = createHash('sha256')
      .update(JSON.stringify([question.trim().toLowerCase(), stories.map((s) => s.hash)]))
      .digest('hex');
    return this.cached('answer', key, signal, async (engine, s) =>
      this.gate({ task: 'answer', stories, draft: await engine.answer(question, stories, s) }, s),
    );
  }

  /** The citation gate, run by `tasks` under the engine call's signal (so its time limit too). */
  private async gate<T>(input: GateInput, signal: AbortSignal): Promise<Gated<T>> {
    return (await this.tasks.run('gate', input, signal)) as Gated<T>;
  }

  private async cached<T>(
    task: Task,
    hash: string,
    signal: AbortSignal | undefined,
    run: (engine: Engine, signal: AbortSignal) => Promise<Gated<T>>,
    engines: Array<Engine | undefined> = [this.engine, this.fallback],
  ): Promise<Result<T>> {
    let notice: string | undefined;
    /** The engine's key, when its output was rejected: the fallback's answer is cached there too. */
    let rejectedKey: string | undefined;
    const served = async (result: Result<T>): Promise<Result<T>> => {
      if (rejectedKey) await this.cacheStandIn(rejectedKey, result);
      return result;
    };
    for (const engine of engines) {
      if (!engine) continue;
      const extra = notice ? { notice } : {};
      const key = this.keyOf(task, hash, engine);
      const hit = await this.cachedResult<T>(key, engine);
      if (hit) return hit.standIn ? hit.result : served({ ...hit.result, ...extra });
      const out = engine === this.engine && this.fallback ? this.currentOutage() : undefined;
      if (out) {
        notice = `${this.fallback!.name} engine used: ${out}`;
        continue;
      }
      try {
        const result = await timeEngineTask(this.metrics, engine.name, task, () => this.withTimeout(engine, signal, (s) => run(engine, s)));
        const entry: CachedResult<T> = {
          engine: engine.name,
          engineVersion: engine.version,
          promptVersion: engine.promptVersion,
          result,
        };
        await this.store.set(namespaces.result, key, entry);
        return served({ ...result, engine: engine.name, ...extra });
      } catch (error) {
        if (signal?.aborted || engine === this.fallback || !this.fallback) throw error;
        if (error instanceof EngineError && error.outage) {
          this.outage = { until: Date.now() + this.engineRetryAfterMs, reason: describeError(error) };
        }
        if (error instanceof EngineError && error.rejected) rejectedKey = key;
        notice = `${this.fallback.name} engine used: ${describeError(error)}`;
      }
    }
    throw new EngineError('ENGINE_FAILED', `no engine could ${task} the story`);
  }

  private keyOf(task: Task, hash: string, engine: Engine): string {
    return resultKey({ hash, task, engine: engine.name, engineVersion: engine.version, promptVersion: engine.promptVersion });
  }

  /**
   * `engine`'s cached result under `key` ({@link keyOf}), if it is current: computed by this
   * version of the engine, or a stand-in (`standIn`, with its own notice) by this version of
   * the fallback.
   */
  private async cachedResult<T>(key: string, engine: Engine): Promise<{ result: Result<T>; standIn: boolean } | undefined> {
    const hit = await this.store.get<CachedResult<T>>(namespaces.result, key);
    if (!hit || hit.engineVersion !== engine.version || hit.promptVersion !== engine.promptVersion) return undefined;
    if (hit.standInVersion === undefined) return { result: { ...hit.result, engine: hit.engine }, standIn: false };
    if (hit.standInVersion === this.fallback?.version) {
      return { result: { ...hit.result, engine: hit.engine, ...(hit.notice ? { notice: hit.notice } : {}) }, standIn: true };
    }
    return undefined;
  }

  /**
   * Caches the fallback's `result` under the engine's `key`, for `rejectedResultTtlMs` only:
   * a model that fails the checks today may pass them after a fix on its side.
   */
  private async cacheStandIn<T>(key: string, result: Result<T>): Promise<void> {
    const entry: CachedResult<T> = {
      engine: result.engine,
      engineVersion: this.engine.version,
      promptVersion: this.engine.promptVersion,
      result: { value: result.value, dropped: result.dropped },
      ...(result.notice ? { notice: result.notice } : {}),
      standInVersion: this.fallback!.version,
    };
    await this.store.set(namespaces.result, key, entry, this.rejectedResultTtlMs);
  }

  /** Why the engine is skipped just now, or `undefined` when it may be tried. */
  private currentOutage(): string | undefined {
    if (!this.outage) return undefined;
    const left = this.outage.until - Date.now();
    if (left <= 0) {
      this.outage = undefined;
      return undefined;
    }
    return `${this.outage.reason} (the ${this.engine.name} engine is tried again in ${Math.ceil(left / 1000)} s)`;
  }

  private async withTimeout<T>(engine: Engine, outer: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const timeout = AbortSignal.timeout(this.engineTimeoutMs);
    const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
    // An engine that ignores its signal is abandoned, not awaited.
    const abandoned = new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    try {
      return await Promise.race([run(signal), abandoned]);
    } catch (error) {
      if (error instanceof NewsroomError) throw error;
      const reason = timeout.aborted ? `timed out after ${this.engineTimeoutMs} ms` : (error as Error).message;
      throw new EngineError('ENGINE_FAILED', `${engine.name} engine failed: ${reason}`, { cause: error, outage: timeout.aborted });
    }
  }
}
