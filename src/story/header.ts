import type { StoryMeta } from './story.js';

/** What the first lines of a text article say about it, and where its body begins. */
export interface TextHeader {
  /** Title, byline, outlet and publication time read from the header; absent when not there. */
  meta: Partial<Pick<StoryMeta, 'title' | 'byline' | 'siteName' | 'publishedAt'>>;
  /** Offset into the text of the first character of the body: 0 when there is no header. */
  bodyStart: number;
}

/** A header line is at most this long; a headline at most this many words. */
const LINE_MAX = 200;
const HEADLINE_WORDS = 30;
/** An outlet is a name, not a sentence. */
const OUTLET_WORDS = 6;
const OUTLET_CHARS = 60;
/** Lines after the headline that may be an outlet, a byline or a date. */
const META_LINES = 3;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const WEEKDAY = String.raw`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?`;
const TIME = String.raw`(?:(?:,|\s+at|\s*[-–—])?\s+(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?)?`;
const ZONE = String.raw`(?:\s*(z|[+-]\d{2}:?\d{2}|(?:gmt|utc)(?:[+-]\d{1,2}(?::?\d{2})?)?|[a-z]{3,4}))?`;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(z|[+-]\d{2}:?\d{2})?)?$/iu;
const DAY_MONTH_YEAR = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH},?\s+(\d{4})${TIME}${ZONE}$`, 'iu');
const MONTH_DAY_YEAR = new RegExp(String.raw`^${WEEKDAY}${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}${ZONE}$`, 'iu');
/** Zone abbreviations news sites print, in minutes east of UTC. */
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, bst: 60, ist: 60, cet: 60, cest: 120, eet: 120, eest: 180, msk: 180,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};
/** Words that introduce a date line: "Published: 20 August 2025", "Updated Aug. 20, 2025". */
const DATE_LEAD = /^(?:published|posted|updated|last updated|first published|date|dated)(?:\s+on)?\s*:?\s*/iu;
const BYLINE = /^by\s+(\S.*)$/iu;
/** Parts of one header line: "Kestrel Bay Courier · 3 November 2026", "By Jo Reporter | Aug. 20, 2025". */
const SEPARATOR = /\s+[·|•—–-]\s+|\s*[·|•]\s*/u;

/**
 * Reads the header of a text or Markdown article: a headline, then up to three lines that are
 * an outlet, a byline ("By …") or a publication date, in any order, possibly several on one
 * line. The header is only taken as one when it is followed by body text and every line after
 * the headline is recognised; otherwise a short first line is still the title, but the text is
 * all body. Offsets are into `text` as given.
 */
export function readHeader(text: string): TextHeader {
  const lines = headLines(text);
  const first = lines[0];
  if (!first) return { meta: {}, bodyStart: 0 };
  const meta: TextHeader['meta'] = {};
  let index = 0;
  let bodyStart = 0;
  if (isHeadline(first.text)) {
    index = 1;
  }
  let metaLines = 0;
  while (index < lines.length && metaLines < META_LINES) {
    const fields = metaLine(lines[index]!.text);
    if (!fields || conflicts(meta, fields)) break;
    Object.assign(meta, fields);
    index++;
    metaLines++;
  }
  const hasBody = index < lines.length || restAfter(text, lines[index - 1]);
  // A headline alone is a header only when a blank line, or a line that is plainly body, follows.
  const headlineOnly = index === 1 && metaLines === 0;
  const header = index > 0 && hasBody && (!headlineOnly || separatedBody(text, first) || bodyFollows(first, lines[1]));
  if (header) {
    if (isHeadline(first.text)) meta.title = stripMarkup(first.text);
    bodyStart = bodyOffset(text, lines[index - 1]!.end);
  } else if (first.text.length <= LINE_MAX && restAfter(text, first)) {
    // Not a header, but a short first line has always been the title.
    return { meta: { title: stripMarkup(first.text) }, bodyStart: 0 };
  }
  if (!header) return { meta: {}, bodyStart: 0 };
  return { meta, bodyStart };
}

/**
 * Parses a publication date or time as printed in news copy: ISO 8601, RFC 2822, "20 August
 * 2025", "Aug. 20, 2025", "Wednesday 20 August 2025 13.21 BST", "August 20, 2025 at 1:21 p.m. EDT".
 * Returns an ISO-8601 string (UTC when the zone is known, local time when it is not, the day
 * alone when no time is given), or `null` when the whole string is not a date.
 */
export function parseDate(value: string): string | null {
  const input = value.trim().replace(/\s+/gu, ' ');
  const iso = ISO_DATE.exec(input);
  if (iso) {
    const [, y, mo, d, h, mi, s, zone] = iso;
    return assemble(+y!, +mo!, +d!, h === undefined ? undefined : { h: +h, mi: +mi!, s: +(s ?? 0) }, zone);
  }
  for (const [pattern, order] of [
    [DAY_MONTH_YEAR, 'dmy'],
    [MONTH_DAY_YEAR, 'mdy'],
  ] as const) {
    const match = pattern.exec(input);
    if (!match) continue;
    const [, a, b, year, h, mi, s, meridiem, zone] = match;
    const day = order === 'dmy' ? +a! : +b!;
    const month = MONTHS.indexOf((order === 'dmy' ? b! : a!).slice(0, 3).toLowerCase()) + 1;
    let hour = h === undefined ? undefined : +h;
    if (hour !== undefined && meridiem) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (/^p/iu.test(meridiem) ? 12 : 0);
    }
    return assemble(+year!, month, day, hour === undefined ? undefined : { h: hour, mi: +mi!, s: +(s ?? 0) }, zone);
  }
  return null;
}

interface Line {
  /** The line without its end-of-line characters and surrounding space. */
  text: string;
  /** Offset of `text` in the article. */
  start: number;
  /** Offset just past `text`. */
  end: number;
}

/** The first few non-blank lines (a header never needs more), trimmed, with their offsets. */
function headLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /[^\n]*/gu;
  for (const match of text.matchAll(pattern)) {
    if (lines.length > META_LINES + 1) break;
    const raw = match[0];
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body !== '') lines.push({ text: body, start: match.index + lead, end: match.index + lead + body.length });
    if (match.index + raw.length >= text.length) break;
  }
  return lines;
}

function isHeadline(line: string): boolean {
  const text = stripMarkup(line);
  if (text === '' || line.length > LINE_MAX || text.split(/\s+/u).length > HEADLINE_WORDS) return false;
  // A sentence ends with a full stop (or a closing quote after one); a headline does not.
  if (/[.;,:]["”’']?$/u.test(text)) return false;
  // A headline may look like a name ("Bayline Ferry Delayed"), never like a date or a byline.
  const fields = metaLine(line);
  return fields === null || (fields.siteName !== undefined && Object.keys(fields).length === 1);
}

/**
 * Whether the line after a headline is plainly body: it ends a sentence, and the headline does
 * not stop on a small word (as the first line of hard-wrapped text does: "… said on").
 */
function bodyFollows(headline: Line, next: Line | undefined): boolean {
  if (!next || !/[.!?]["”’)]?$/u.test(next.text)) return false;
  return !/\s\p{Ll}{1,3}$/u.test(headline.text);
}

/** The fields a line after the headline gives, or `null` when it is not a header line. */
function metaLine(line: string): TextHeader['meta'] | null {
  const text = stripMarkup(line);
  if (text === '' || line.length > LINE_MAX) return null;
  return parts(text) ?? field(text);
}

/** The fields of a line of several parts ("By Jo Reporter | 20 August 2025"), each one a field. */
function parts(text: string): TextHeader['meta'] | null {
  const pieces = text.split(SEPARATOR).map((p) => p.trim()).filter((p) => p !== '');
  if (pieces.length < 2) return null;
  const fields: TextHeader['meta'] = {};
  for (const piece of pieces) {
    const found = field(piece);
    if (!found || conflicts(fields, found)) return null;
    Object.assign(fields, found);
  }
  return fields;
}

/** One header field: a date, a byline, or an outlet's name. */
function field(part: string): TextHeader['meta'] | null {
  const date = parseDate(part.replace(DATE_LEAD, ''));
  if (date) return { publishedAt: date };
  const byline = BYLINE.exec(part);
  if (byline && byline[1]!.split(/\s+/u).length <= 8) return { byline: byline[1]!.trim() };
  if (isOutlet(part)) return { siteName: part };
  return null;
}

/**
 * An outlet's name: a few words, each capitalised (or a domain name such as
 * "global.espreso.tv"), with no sentence punctuation.
 */
function isOutlet(part: string): boolean {
  if (part.length > OUTLET_CHARS) return false;
  if (/^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$/iu.test(part)) return true;
  const words = part.split(/\s+/u);
  if (words.length > OUTLET_WORDS || /[.!?;:,"“”]/u.test(part)) return false;
  const small = new Set(['the', 'of', 'and', 'for', 'in', 'on', 'at', 'de', 'la', 'le', '&']);
  return words.every((w, i) => /^[\p{Lu}\p{N}]/u.test(w) || (i > 0 && small.has(w.toLowerCase())));
}

function conflicts(have: TextHeader['meta'], found: TextHeader['meta']): boolean {
  return Object.keys(found).some((key) => have[key as keyof TextHeader['meta']] !== undefined);
}

/** Markdown heading marks, emphasis and block-quote marks around a header line. */
function stripMarkup(line: string): string {
  return line
    .replace(/^#{1,6}\s+/u, '')
    .replace(/^>\s*/u, '')
    .replace(/^([*_]{1,3})(.+)\1$/u, '$2')
    .trim();
}

/** Whether any non-blank text follows `line`. */
function restAfter(text: string, line: Line | undefined): boolean {
  return line !== undefined && text.slice(line.end).trim() !== '';
}

/** Whether `line` is followed by a blank line and then more text. */
function separatedBody(text: string, line: Line): boolean {
  return /^[ \t\r]*\n[ \t\r]*\n/u.test(text.slice(line.end)) && restAfter(text, line);
}

/** The offset of the first non-space character after `end`. */
function bodyOffset(text: string, end: number): number {
  let offset = end;
  while (offset < text.length && /\s/u.test(text[offset]!)) offset++;
  return offset;
}

function assemble(year: number, month: number, day: number, time: { h: number; mi: number; s: number } | undefined, zone: string | undefined): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1800 || year > 2200) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCDate() !== day) return null;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (!time) return date;
  if (time.h > 23 || time.mi > 59 || time.s > 59) return null;
  const offset = zone === undefined ? undefined : zoneMinutes(zone);
  // An abbreviation not known leaves the time as printed, without a zone.
  if (offset === undefined || offset === null) return `${date}T${pad(time.h)}:${pad(time.mi)}:${pad(time.s)}`;
  return new Date(Date.UTC(year, month - 1, day, time.h, time.mi, time.s) - offset * 60_000).toISOString();
}

/** Minutes east of UTC for a zone as printed; `null` for an abbreviation not known. */
function zoneMinutes(zone: string): number | null {
  const lower = zone.toLowerCase();
  const numeric = /^(?:gmt|utc)?([+-])(\d{1,2}):?(\d{2})?$/u.exec(lower);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (+numeric[2]! * 60 + +(numeric[3] ?? 0));
  return ZONES[lower] ?? null;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
