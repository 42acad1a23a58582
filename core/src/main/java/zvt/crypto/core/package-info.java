/**
 * The shared heart of the pipeline: the SBE event schema and its generated codecs ({@code codec}), the ring slot
 * and topology ({@code event}, {@code ring}), lossless decimals ({@code decimal}), instrument interning
 * ({@code instrument}) and a zero-allocation JSON scanner for venue frames ({@code json}).
 */
package zvt.crypto.core;
