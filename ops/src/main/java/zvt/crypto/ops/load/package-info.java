/**
 * The end-to-end load harness ({@code zvt-crypto loadtest}): venue simulators → a whole node (journal, database
 * writer, Redis when configured, gateway) → WebSocket subscribers, all in one JVM on loopback, at a fixed rate for a
 * fixed time. What it reports, in data-flow order:
 * <pre>
 *   simulators (offered) ─► node: ring ─► journal (journaled) ─┬─► gateway ─► subscribers (delivered, verified)
 *                                                              ├─► database writer (written)
 *                                                              └─► Redis (lag)
 * </pre>
 * {@link LoadRun} runs one rate; {@link MaxRateSearch} steps the rate up until a run fails; {@link JournalTally}
 * is the ground truth every count is checked against; {@link HopHistograms} writes each hop's percentiles and the
 * plot; {@link ProcessCost} measures CPU, allocation and GC of the window.
 */
package zvt.crypto.ops.load;
