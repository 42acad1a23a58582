// The trades tape (newest first, the last few dozen) and the top of book with its spread.

import { subtract } from './decimal.js';

const TAPE_LENGTH = 40;

export class TapeView {
  constructor(element) {
    this.element = element;
    this.trades = [];
    this.count = 0;
  }

  reset() {
    this.trades = [];
    this.count = 0;
  }

  onTrade(message) {
    this.trades.push(message);
    if (this.trades.length > TAPE_LENGTH * 2) {
      this.trades.splice(0, this.trades.length - TAPE_LENGTH);
    }
    this.count++;
  }

  render() {
    this.element.innerHTML = this.trades.slice(-TAPE_LENGTH).reverse().map(trade =>
      `<div class="trade ${trade.side}"><span>${clock(trade.exchangeTime)}</span>` +
      `<span class="price">${trade.price}</span><span class="size">${trade.size}</span></div>`).join('');
    this.element.dataset.count = this.count;
  }
}

export class TopView {
  constructor(bid, ask, spread) {
    this.bid = bid;
    this.ask = ask;
    this.spread = spread;
    this.top = null;
  }

  reset() {
    this.top = null;
  }

  onTop(message) {
    this.top = message;
  }

  render() {
    const top = this.top;
    this.bid.textContent = top ? `${top.bidPrice} × ${top.bidSize}` : '–';
    this.ask.textContent = top ? `${top.askPrice} × ${top.askSize}` : '–';
    this.spread.textContent = top ? subtract(top.askPrice, top.bidPrice) : '–';
  }
}

// Exchange time (epoch nanoseconds) as the local wall clock, to the millisecond.
export function clock(nanos) {
  return new Date(nanos / 1e6).toLocaleTimeString([], {
    hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3,
  });
}
