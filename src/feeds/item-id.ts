import { createHash } from 'node:crypto';

/** The fields of a feed item that identify it. */
export interface ItemIdentity {
  /** RSS `<guid>` or Atom `<id>`. */
  guid?: string | undefined;
  /** The item's link. */
  link?: string | undefined;
  /** The item's title. */
  title?: string | undefined;
  /** The item's date as the feed gives it. */
  date?: string | undefined;
}

/**
 * A feed item's stable id: its guid, else its link, else a hash of title and date. Prefixed
 * by kind, so a guid can never collide with a link or a hash.
 */
export function itemId(item: ItemIdentity): string {
  const guid = item.guid?.trim();
  if (guid) return `guid:${guid}`;
  const link = item.link?.trim();
  if (link) return `link:${link}`;
  const digest = createHash('sha256')
    .update(JSON.stringify([item.title?.trim() ?? '', item.date?.trim() ?? '']))
    .digest('hex');
  return `hash:${digest.slice(0, 32)}`;
}
