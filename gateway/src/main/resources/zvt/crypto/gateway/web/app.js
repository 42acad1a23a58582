// The live web view: a market view of one venue and symbol (book ladder and depth, trades, candles, top of book),
// a node view (per-venue feed state and the pipeline's counters), and a replay of a past range into the same views.
// It uses only the gateway's public REST API and WebSocket protocol (docs/PROTOCOL.md).

import { getJson, setCredential, Unauthorized } from './api.js';
import { Book } from './book.js';
import { CandleView } from './candles.js';
import { Feed } from './feed.js';
import { invalidate } from './frame.js';
import { DepthView, LadderView } from './ladder.js';
import { NodeView } from './node.js';
import { clock, TapeView, TopView } from './tape.js';

const $ = id => document.getElementById(id);
const BOOK_EVENTS = 12;

const feed = new Feed(onMessage, onFeedState);
const book = new Book(() => {
  noteBookEvent('sequence check failed: asking for a fresh snapshot');
  feed.resubscribeBook();
});
const ladder = new LadderView(book, $('ladder'), $('book-state'));
const depth = new DepthView(book, $('depth'));
const tape = new TapeView($('trades'));
const top = new TopView($('top-bid'), $('top-ask'), $('top-spread'));
const candles = new CandleView($('candles'));
const node = new NodeView(document, askForCredentialIf);
const bookViews = [ladder, depth];
let instruments = [];
let selected = null;
let nodePolling = false;

function onMessage(message, replaying) {
  switch (message.type) {
    case 'book_snapshot':
      noteBookEvent(`snapshot at sequence ${message.sequence}` + (book.snapshots > 0 ? ' (resynced)' : ''));
      book.onSnapshot(message);
      bookViews.forEach(invalidate);
      break;
    case 'book_status':
      noteBookEvent(`book ${message.state}`);
      book.onStatus(message);
      bookViews.forEach(invalidate);
      break;
    case 'book':
      book.onUpdate(message, replaying);
      bookViews.forEach(invalidate);
      break;
    case 'trade':
      tape.onTrade(message);
      invalidate(tape);
      break;
    case 'top':
      top.onTop(message);
      invalidate(top);
      break;
    case 'candle':
      if (candles.onCandle(message)) {
        invalidate(candles);
      }
      break;
    case 'status':
      node.onStatus(message);
      invalidate(node);
      break;
    case 'replay_end':
      showConnection(`replay ended: ${message.reason}, ${message.messages} messages`);
      break;
    case 'error':
      noteBookEvent(`gateway refused ${message.op ?? 'a request'}: ${message.code}`);
      break;
  }
}

function noteBookEvent(text) {
  const events = $('book-events');
  const line = document.createElement('div');
  line.textContent = `${clock(Date.now() * 1e6)} ${text}`;
  events.prepend(line);
  while (events.childElementCount > BOOK_EVENTS) {
    events.lastElementChild.remove();
  }
}

// A dropped connection's book is no longer known: it starts over from the new subscription's snapshot.
function onFeedState(state) {
  showConnection(state);
  if (state === 'reconnecting') {
    book.reset();
    bookViews.forEach(invalidate);
  }
}

function showConnection(state) {
  const badge = $('connection');
  badge.textContent = state;
  badge.dataset.state = state.split(/[: ]/)[0];
}

function askForCredentialIf(error) {
  if (error instanceof Unauthorized && !$('auth').open) {
    $('auth').showModal();
  }
}

async function start() {
  try {
    instruments = (await getJson('instruments')).instruments;
  } catch (error) {
    askForCredentialIf(error);
    showConnection(error instanceof Unauthorized ? 'credential needed' : 'gateway unreachable');
    return;
  }
  const venues = [...new Set(instruments.map(instrument => instrument.venue))];
  $('venue').innerHTML = venues.map(venue => `<option>${venue}</option>`).join('');
  const [hashVenue, hashSymbol] = decodeURIComponent(location.hash.slice(1)).split('/');
  const venue = venues.includes(hashVenue) ? hashVenue : venues.includes('BINANCE') ? 'BINANCE' : venues[0];
  $('venue').value = venue;
  fillSymbols(venue, hashSymbol);
  if (!nodePolling) {
    nodePolling = true;
    node.start(invalidate);
  }
  select();
}

function fillSymbols(venue, preferred) {
  const symbols = instruments.filter(instrument => instrument.venue === venue).map(instrument => instrument.symbol);
  $('symbol').innerHTML = symbols.map(symbol => `<option>${symbol}</option>`).join('');
  $('symbol').value = symbols.includes(preferred) ? preferred : symbols.includes('BTC-USDT') ? 'BTC-USDT' : symbols[0];
}

// Live data of the picked instrument, from a fresh subscription.
function select() {
  selected = { venue: $('venue').value, symbol: $('symbol').value };
  history.replaceState(null, '', `#${selected.venue}/${selected.symbol}`);
  resetViews();
  loadCandleHistory();
  const venues = [...new Set(instruments.map(instrument => instrument.venue))];
  feed.live(selected.venue, selected.symbol, venues);
}

function resetViews() {
  book.reset();
  tape.reset();
  top.reset();
  [ladder, depth, tape, top].forEach(invalidate);
}

async function loadCandleHistory(from, to) {
  const interval = $('interval').value;
  const source = $('candle-source').value;
  candles.reset(interval, source);
  try {
    const path = CandleView.historyPath(selected.venue, selected.symbol, interval, source, from, to);
    candles.addHistory((await getJson(path)).candles);
  } catch (error) {
    askForCredentialIf(error);
  }
  invalidate(candles);
}

function replay(event) {
  event.preventDefault();
  const from = new Date($('replay-from').value);
  const to = $('replay-to').value ? new Date($('replay-to').value) : null;
  resetViews();
  loadCandleHistory(from, to ?? new Date());
  feed.replay(selected.venue, selected.symbol, from, to, Number($('replay-speed').value));
}

function showView(name) {
  for (const tab of document.querySelectorAll('.tab')) {
    tab.classList.toggle('active', tab.dataset.view === name);
    $(tab.dataset.view).hidden = tab.dataset.view !== name;
  }
}

function localInputValue(date) {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
}

$('venue').addEventListener('change', () => {
  fillSymbols($('venue').value);
  select();
});
$('symbol').addEventListener('change', select);
$('interval').addEventListener('change', () => loadCandleHistory());
$('candle-source').addEventListener('change', () => loadCandleHistory());
$('replay-form').addEventListener('submit', replay);
$('replay-stop').addEventListener('click', select);
$('auth-form').addEventListener('submit', () => {
  setCredential($('auth-credential').value);
  start();
});
for (const tab of document.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => showView(tab.dataset.view));
}
// The last five minutes, as of opening the replay panel.
$('replay-panel').addEventListener('toggle', () => {
  if ($('replay-panel').open) {
    $('replay-from').value = localInputValue(new Date(Date.now() - 5 * 60_000));
    $('replay-to').value = localInputValue(new Date());
  }
});
start();
