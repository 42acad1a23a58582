// One instrument's order book as the `book` channel builds it (docs/PROTOCOL.md): a book_snapshot, then the deltas
// with a higher journal index; a book_status stale drops it until the next snapshot. Levels are keyed by their
// canonical decimal text; sizes are absolute and "0" removes a level.
//
// The sequence check: a delta must end after the sequence the book is good as of (it may start at or before it: the
// first delta after a venue snapshot straddles it). One that does not means the page got something twice or out of
// order; the book is dropped and `onSequenceBreak` asks the gateway for a new snapshot. Venues without sequences
// send 0, which is not checked.

import { canonical } from './decimal.js';

export class Book {
  constructor(onSequenceBreak) {
    this.onSequenceBreak = onSequenceBreak;
    this.bids = new Map();
    this.asks = new Map();
    this.state = 'waiting';
    this.sequence = null;
    this.journalIndex = 0;
    this.snapshots = 0;
    this.staleCount = 0;
    this.sequenceBreaks = 0;
    this.inVenueSnapshot = false;
    this.version = 0;
  }

  reset() {
    this.bids.clear();
    this.asks.clear();
    this.state = 'waiting';
    this.sequence = null;
    this.journalIndex = 0;
    this.inVenueSnapshot = false;
    this.version++;
  }

  onSnapshot(message) {
    this.bids.clear();
    this.asks.clear();
    for (const [price, size] of message.bids) {
      this.bids.set(canonical(price), [price, size]);
    }
    for (const [price, size] of message.asks) {
      this.asks.set(canonical(price), [price, size]);
    }
    this.sequence = message.sequence;
    this.journalIndex = message.journalIndex;
    this.snapshots++;
    this.state = 'live';
    this.version++;
  }

  onStatus(message) {
    if (message.state === 'stale') {
      this.bids.clear();
      this.asks.clear();
      this.state = 'stale';
      this.staleCount++;
      this.version++;
    }
  }

  // A live delta, or in a replay the venue's journaled snapshot parts and deltas.
  onUpdate(message, replaying) {
    if (replaying) {
      this.applyJournaled(message);
      return;
    }
    if (this.state !== 'live' || message.journalIndex <= this.journalIndex) {
      return;
    }
    if (this.sequence > 0 && message.lastSequence > 0 && message.lastSequence <= this.sequence) {
      this.sequenceBreaks++;
      this.reset();
      this.state = 'resyncing';
      this.onSequenceBreak();
      return;
    }
    this.apply(message);
  }

  applyJournaled(message) {
    const snapshotPart = message.kind === 'snapshot';
    if (snapshotPart && !this.inVenueSnapshot) {
      this.bids.clear();
      this.asks.clear();
      this.snapshots++;
    }
    this.inVenueSnapshot = snapshotPart;
    this.state = 'live';
    this.apply(message);
  }

  apply(message) {
    for (const [side, price, size] of message.levels) {
      const levels = side === 'buy' ? this.bids : this.asks;
      const key = canonical(price);
      if (canonical(size) === '0') {
        levels.delete(key);
      } else {
        levels.set(key, [price, size]);
      }
    }
    this.sequence = message.lastSequence;
    this.journalIndex = message.journalIndex;
    this.version++;
  }

  // The best `depth` levels a side, best first, as [price, size] text pairs.
  best(depth) {
    return {
      bids: [...this.bids.values()].sort((a, b) => b[0] - a[0]).slice(0, depth),
      asks: [...this.asks.values()].sort((a, b) => a[0] - b[0]).slice(0, depth),
    };
  }
}
