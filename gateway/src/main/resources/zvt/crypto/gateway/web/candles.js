// The candle chart: history from REST `ohlcv`, then live bars from the `candle` channel, for one interval and one
// source (`trades`: bars the gateway builds from trades; `venue_stream`: the venue's own klines). The gateway sends
// the forming bar of 1m only; for longer intervals the forming bar is the closed minutes of its bucket plus the
// forming minute, as docs/candles.md says a client has it.

import uPlot from '/web/uplot/uPlot.esm.js';

const INTERVALS = { '1m': ['M1', 60], '5m': ['M5', 300], '15m': ['M15', 900], '1h': ['H1', 3600], '1d': ['D1', 86400] };
const HISTORY_BARS = 120;
const NANOS_PER_SECOND = 1e9;

export class CandleView {
  constructor(element) {
    this.element = element;
    this.bars = new Map(); // open time (s) -> {open, high, low, close}
    this.minutes = new Map(); // this bucket's 1m bars, for the forming bar of longer intervals
    this.interval = '1m';
    this.source = 'trades';
    this.plot = new uPlot({
      width: element.clientWidth || 600,
      height: 260,
      legend: { show: false },
      // From the first bar to the last with a bar's room either side (uPlot would widen one bar to years).
      scales: { x: { time: true, range: (u, min, max) => this.timeRange(u.data[0], min, max) } },
      axes: [{}, { size: 80 }],
      series: [{}, ...['open', 'high', 'low', 'close'].map(label => ({ label, paths: () => null, points: { show: false } }))],
      hooks: { draw: [drawCandles] },
    }, [[], [], [], [], []], element);
  }

  // Starts over with the chosen interval and source.
  reset(interval, source) {
    this.interval = interval;
    this.source = source;
    this.bars.clear();
    this.minutes.clear();
  }

  // REST ohlcv candles: bars the live stream has not already given.
  addHistory(history) {
    for (const candle of history) {
      const openTime = Date.parse(candle.openTime) / 1000;
      if (!this.bars.has(openTime)) {
        this.bars.set(openTime, candle);
      }
    }
  }

  onCandle(message) {
    if (message.source !== this.source) {
      return false;
    }
    const [name, seconds] = INTERVALS[this.interval];
    const openTime = message.openTime / NANOS_PER_SECOND;
    if (message.interval === name) {
      this.bars.set(openTime, message);
      return true;
    }
    if (message.interval === 'M1' && seconds > 60) {
      const bucket = openTime - (openTime % seconds);
      for (const minute of this.minutes.keys()) {
        if (minute < bucket) {
          this.minutes.delete(minute);
        }
      }
      this.minutes.set(openTime, message);
      if (!this.bars.get(bucket)?.closed) {
        this.bars.set(bucket, rollUp([...this.minutes.values()]));
      }
      return true;
    }
    return false;
  }

  timeRange(times, min, max) {
    const seconds = INTERVALS[this.interval][1];
    return times.length ? [times[0] - seconds, times[times.length - 1] + seconds] : [min, max];
  }

  static historyPath(venue, symbol, interval, source, from, to) {
    const range = from ? `&from=${from.toISOString()}&to=${to.toISOString()}` : '';
    return `ohlcv/${venue}/${symbol}?interval=${interval}&source=${source}&limit=${HISTORY_BARS}${range}`;
  }

  render() {
    const times = [...this.bars.keys()].sort((a, b) => a - b).slice(-HISTORY_BARS);
    const series = ['open', 'high', 'low', 'close'].map(field => times.map(time => +this.bars.get(time)[field]));
    this.element.dataset.bars = times.length;
    this.element.dataset.source = this.source;
    this.element.dataset.interval = this.interval;
    this.plot.setData([times, ...series]);
  }
}

function rollUp(minutes) {
  minutes.sort((a, b) => a.openTime - b.openTime);
  return {
    open: minutes[0].open,
    high: String(Math.max(...minutes.map(bar => +bar.high))),
    low: String(Math.min(...minutes.map(bar => +bar.low))),
    close: minutes[minutes.length - 1].close,
    closed: false,
  };
}

function drawCandles(u) {
  const [times, open, high, low, close] = u.data;
  const context = u.ctx;
  const spacing = times.length > 1 ? u.valToPos(times[1], 'x', true) - u.valToPos(times[0], 'x', true) : 20;
  const body = Math.max(1, Math.min(12, spacing * 0.6));
  context.save();
  for (let i = 0; i < times.length; i++) {
    const x = u.valToPos(times[i], 'x', true);
    const rising = close[i] >= open[i];
    context.strokeStyle = context.fillStyle = rising ? '#2e9d5b' : '#d0473f';
    context.beginPath();
    context.moveTo(x, u.valToPos(high[i], 'y', true));
    context.lineTo(x, u.valToPos(low[i], 'y', true));
    context.stroke();
    const top = u.valToPos(Math.max(open[i], close[i]), 'y', true);
    const bottom = u.valToPos(Math.min(open[i], close[i]), 'y', true);
    context.fillRect(x - body / 2, top, body, Math.max(1, bottom - top));
  }
  context.restore();
}
