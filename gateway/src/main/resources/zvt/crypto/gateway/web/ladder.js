// The book as a price ladder (asks above, bids below, a bar per level sized against the largest shown) and as a
// depth chart (cumulative size by price). The ladder carries the book's venue sequence, journal index and state as
// data- attributes, so a test (or a curious reader) can compare exactly what is shown with the REST book.

import uPlot from '/web/uplot/uPlot.esm.js';
import { subtract } from './decimal.js';
import { invalidate } from './frame.js';

export const LADDER_DEPTH = 20;
const DEPTH_CHART_INTERVAL_MS = 250;

export class LadderView {
  constructor(book, element, stateBadge) {
    this.book = book;
    this.element = element;
    this.stateBadge = stateBadge;
  }

  render() {
    const { bids, asks } = this.book.best(LADDER_DEPTH);
    const largest = Math.max(1e-18, ...bids.map(level => +level[1]), ...asks.map(level => +level[1]));
    const rows = [];
    for (const level of [...asks].reverse()) {
      rows.push(row('ask', level, largest));
    }
    const spread = bids.length && asks.length ? subtract(asks[0][0], bids[0][0]) : '–';
    rows.push(`<div class="spread">spread ${spread}</div>`);
    for (const level of bids) {
      rows.push(row('bid', level, largest));
    }
    this.element.innerHTML = rows.join('');
    const dataset = this.element.dataset;
    dataset.state = this.book.state;
    dataset.sequence = this.book.sequence ?? '';
    dataset.journalIndex = this.book.journalIndex;
    dataset.bidLevels = bids.length;
    dataset.askLevels = asks.length;
    dataset.snapshots = this.book.snapshots;
    dataset.staleCount = this.book.staleCount;
    dataset.sequenceBreaks = this.book.sequenceBreaks;
    this.stateBadge.textContent = this.book.state;
    this.stateBadge.dataset.state = this.book.state;
  }
}

function row(side, [price, size], largest) {
  const width = Math.min(100, (100 * size) / largest).toFixed(1);
  return `<div class="level ${side}" data-price="${price}" data-size="${size}">` +
    `<span class="bar" style="width:${width}%"></span><span class="price">${price}</span>` +
    `<span class="size">${size}</span></div>`;
}

export class DepthView {
  constructor(book, element) {
    this.book = book;
    this.element = element;
    this.lastDrawn = 0;
    this.pending = null;
    this.plot = new uPlot({
      width: element.clientWidth || 400,
      height: 220,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false } },
      axes: [{}, { size: 70 }],
      series: [
        {},
        { label: 'bids', stroke: '#2e9d5b', fill: 'rgba(46,157,91,0.25)', paths: uPlot.paths.stepped({ align: -1 }) },
        { label: 'asks', stroke: '#d0473f', fill: 'rgba(208,71,63,0.25)', paths: uPlot.paths.stepped({ align: 1 }) },
      ],
    }, [[], [], []], element);
  }

  // The chart is redrawn at most four times a second: the ladder shows every frame, the shape needs no more.
  render() {
    const now = performance.now();
    if (now - this.lastDrawn < DEPTH_CHART_INTERVAL_MS) {
      if (!this.pending) {
        this.pending = setTimeout(() => {
          this.pending = null;
          invalidate(this);
        }, DEPTH_CHART_INTERVAL_MS - (now - this.lastDrawn));
      }
      return;
    }
    this.lastDrawn = now;
    const { bids, asks } = this.book.best(LADDER_DEPTH * 5);
    const prices = [];
    const bidDepth = [];
    const askDepth = [];
    let total = 0;
    const bidTotals = bids.map(([, size]) => (total += +size));
    for (let i = bids.length - 1; i >= 0; i--) {
      prices.push(+bids[i][0]);
      bidDepth.push(bidTotals[i]);
      askDepth.push(null);
    }
    total = 0;
    for (const [price, size] of asks) {
      prices.push(+price);
      bidDepth.push(null);
      askDepth.push((total += +size));
    }
    this.plot.setData([prices, bidDepth, askDepth]);
  }
}
