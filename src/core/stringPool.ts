/**
 * One copy of each short string that many papers repeat. JSON.parse makes a
 * new string for every value it reads, so papers that arrive as JSON (from a
 * parse worker, or from the saved library) would each hold their own copy of
 * their source's URI, entry type, venue, topic ids, keywords and author
 * names; at 100k papers those copies are tens of megabytes.
 */
import type { Author, DraftPaper } from './model';

/** Longer strings are rarely repeated (titles, abstracts) and are left alone. */
const MAX_SHARED_LENGTH = 200;
/**
 * Strings the pool holds at most; later ones are kept as they came. A Map
 * rehashes every entry at once when it fills (at 65,536 entries 5-11 ms in
 * Node, inside one step), and a library whose names pass this many is one
 * where few of the later ones repeat. A plain Map, not a ShardedMap: the pool
 * is asked some twenty times per paper, and sharding made decoding a saved
 * library 12% slower.
 */
const MAX_POOLED = 60_000;

export class StringPool {
  private readonly known = new Map<string, string>();

  /** The first copy of `text` seen here. */
  one(text: string): string {
    if (text.length > MAX_SHARED_LENGTH) return text;
    const first = this.known.get(text);
    if (first !== undefined) return first;
    if (this.known.size < MAX_POOLED) this.known.set(text, text);
    return text;
  }

  /** Replaces the paper's repeated strings with shared copies, in place. */
  paper(paper: DraftPaper): void {
    paper.origin.source = this.one(paper.origin.source);
    paper.origin.kind = this.one(paper.origin.kind) as DraftPaper['origin']['kind'];
    if (paper.type !== undefined) paper.type = this.one(paper.type);
    if (paper.venue !== undefined) paper.venue = this.one(paper.venue);
    if (paper.publisher !== undefined) paper.publisher = this.one(paper.publisher);
    this.authors(paper.authors);
    if (paper.editors) this.authors(paper.editors);
    this.list(paper.keywords);
    if (paper.topics) this.list(paper.topics);
    if (paper.statedTopics) this.list(paper.statedTopics);
  }

  private authors(authors: Author[]): void {
    for (const author of authors) {
      author.family = this.one(author.family);
      if (author.given !== undefined) author.given = this.one(author.given);
    }
  }

  private list(texts: string[]): void {
    for (let i = 0; i < texts.length; i++) texts[i] = this.one(texts[i]);
  }
}
