// The page's one WebSocket: live subscriptions for the chosen instrument (book, trades, top, candles) plus every
// venue's status, or a replay of a past range into the same views. A live connection that drops is opened again
// after a second; the book starts over from the snapshot the new subscription brings.

import { socketUrl } from './api.js';

const RECONNECT_MS = 1000;

export class Feed {
  constructor(onMessage, onState) {
    this.onMessage = onMessage;
    this.onState = onState;
    this.socket = null;
    this.request = null;
    this.replaying = false;
  }

  live(venue, symbol, venues) {
    const instrument = channel => ({ channel, venue, symbol });
    const statuses = venues.map(each => ({ channel: 'status', venue: each }));
    this.open(false, {
      op: 'subscribe',
      subscriptions: [instrument('book'), instrument('trades'), instrument('top'), instrument('candle'), ...statuses],
    });
    this.instrument = { venue, symbol };
  }

  replay(venue, symbol, from, to, speed) {
    const instrument = channel => ({ channel, venue, symbol });
    this.open(true, {
      op: 'replay',
      subscriptions: [instrument('book'), instrument('trades'), instrument('top'), instrument('candle'),
        { channel: 'status', venue }],
      from: from.toISOString(),
      ...(to ? { to: to.toISOString() } : {}),
      speed,
    });
  }

  // A fresh book_snapshot after the page's sequence check failed.
  resubscribeBook() {
    if (!this.replaying && this.socket?.readyState === WebSocket.OPEN) {
      const book = { channel: 'book', ...this.instrument };
      this.socket.send(JSON.stringify({ op: 'unsubscribe', ...book }));
      this.socket.send(JSON.stringify({ op: 'subscribe', ...book }));
    }
  }

  close() {
    if (this.socket) {
      this.socket.onclose = null;
      this.socket.close();
      this.socket = null;
    }
  }

  open(replaying, request) {
    this.close();
    this.replaying = replaying;
    this.request = request;
    this.onState(replaying ? 'replaying' : 'connecting');
    const socket = new WebSocket(socketUrl());
    this.socket = socket;
    socket.onopen = () => {
      socket.send(JSON.stringify(request));
      if (!replaying) {
        this.onState('live');
      }
    };
    socket.onmessage = event => this.onMessage(JSON.parse(event.data), replaying);
    socket.onclose = () => {
      this.socket = null;
      if (!replaying) {
        this.onState('reconnecting');
        setTimeout(() => this.socket || this.open(false, request), RECONNECT_MS);
      }
    };
  }
}
