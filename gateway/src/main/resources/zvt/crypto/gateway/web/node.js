// The node view: every second, the node's metrics as JSON (the samples /metrics serves, GET /api/v1/crypto/metrics)
// per venue and per stage; events per second from the change of the events counter between two reads. Recent
// status events come from the `status` channel of the live connection.

import { getJson } from './api.js';
import { clock } from './tape.js';

const POLL_MS = 1000;
const STATUS_EVENTS = 30;

export class NodeView {
  constructor(document, onUnauthorized) {
    this.venues = document.querySelector('#venues tbody');
    this.journal = document.getElementById('journal-stats');
    this.db = document.getElementById('db-stats');
    this.redis = document.getElementById('redis-stats');
    this.gateway = document.getElementById('gateway-stats');
    this.events = document.getElementById('status-events');
    this.onUnauthorized = onUnauthorized;
    this.metrics = null;
    this.previous = null;
    this.lastStatus = new Map(); // venue (lower case) -> last venue-wide status
    this.statusEvents = [];
  }

  start(invalidate) {
    const poll = async () => {
      try {
        const read = { at: performance.now(), metrics: (await getJson('metrics')).metrics };
        this.previous = this.metrics;
        this.metrics = read;
        invalidate(this);
      } catch (error) {
        this.onUnauthorized(error);
      }
      setTimeout(poll, POLL_MS);
    };
    poll();
  }

  onStatus(message) {
    if (message.instrumentId === 0) {
      this.lastStatus.set(message.venue.toLowerCase(), message.status);
    }
    this.statusEvents.push(message);
    if (this.statusEvents.length > STATUS_EVENTS) {
      this.statusEvents.shift();
    }
  }

  render() {
    this.events.innerHTML = this.statusEvents.slice().reverse().map(event =>
      `<li data-venue="${event.venue}" data-status="${event.status}">${clock(event.receiveTime)} ${event.venue} ` +
      `${event.instrumentId === 0 ? '' : '#' + event.instrumentId + ' '}<b>${event.status}</b> ` +
      `${escape(event.reason ?? '')}</li>`).join('');
    if (!this.metrics) {
      return;
    }
    const value = (name, labels = {}) => sample(this.metrics.metrics, name, labels);
    const rate = (name, labels) => {
      if (!this.previous) {
        return '–';
      }
      const seconds = (this.metrics.at - this.previous.at) / 1000;
      return Math.round((value(name, labels) - sample(this.previous.metrics, name, labels)) / seconds);
    };
    const venues = (this.metrics.metrics.zvt_feed_connected ?? []).map(point => point.labels.venue);
    this.venues.innerHTML = venues.map(venue => {
      const connected = value('zvt_feed_connected', { venue }) === 1;
      return `<tr data-venue="${venue}" data-connected="${connected}" data-stale-books="` +
        `${value('zvt_feed_books_stale', { venue })}"><td>${venue}</td>` +
        `<td class="${connected ? 'good' : 'bad'}">${connected ? 'connected' : 'disconnected'}</td>` +
        `<td>${this.lastStatus.get(venue) ?? '–'}</td><td>${rate('zvt_feed_events_total', { venue })}</td>` +
        `<td>${value('zvt_feed_book_gaps_total', { venue })}</td>` +
        `<td>${value('zvt_feed_book_resyncs_total', { venue })}</td>` +
        `<td>${value('zvt_feed_books_stale', { venue })}</td>` +
        `<td>${value('zvt_feed_reconnects_total', { venue })}</td></tr>`;
    }).join('');
    this.journal.innerHTML = list({
      'entries appended': value('zvt_journal_appended_events_total'),
      'entries/s': rate('zvt_journal_appended_events_total', {}),
      'on disk': bytes(value('zvt_journal_disk_bytes')),
      'volume free': bytes(value('zvt_journal_volume_free_bytes')),
      'ring backlog': value('zvt_ring_backlog_events'),
    });
    this.db.innerHTML = list({
      connected: flag(value('zvt_db_writer_connected')),
      'lag (entries)': value('zvt_db_writer_lag_entries'),
      'lag (s)': value('zvt_db_writer_lag_seconds')?.toFixed(3),
      'rows written': value('zvt_db_writer_rows_total'),
    });
    this.redis.innerHTML = list({
      'state connected': flag(value('zvt_redis_state_connected')),
      'stream connected': flag(value('zvt_redis_stream_connected')),
      'stream lag (entries)': value('zvt_redis_stream_lag_entries'),
    });
    this.gateway.innerHTML = list({
      clients: value('zvt_gateway_sessions'),
      subscriptions: value('zvt_gateway_subscriptions'),
      'messages/s': rate('zvt_gateway_messages_sent_total', {}),
    });
  }
}

// The value of the sample with these labels; undefined when the node does not run that stage.
function sample(metrics, name, labels) {
  const point = (metrics[name] ?? []).find(candidate =>
    Object.entries(labels).every(([key, value]) => candidate.labels[key] === value));
  return point?.value;
}

function list(entries) {
  return Object.entries(entries).map(([name, value]) =>
    `<dt>${name}</dt><dd>${value === undefined || Number.isNaN(value) ? 'off' : value}</dd>`).join('');
}

function flag(value) {
  return value === undefined ? undefined : value === 1 ? 'yes' : 'no';
}

function bytes(value) {
  return value === undefined ? undefined : (value / (1024 * 1024)).toFixed(1) + ' MiB';
}

function escape(text) {
  return text.replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}
