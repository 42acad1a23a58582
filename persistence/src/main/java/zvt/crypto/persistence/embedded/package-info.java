/**
 * An embedded PostgreSQL (binaries from a Maven artifact) for {@code demo} and nodes with no database configured.
 */
package zvt.crypto.persistence.embedded;
