/**
 * The database schema: Flyway migrations (common tables, then the TimescaleDB or the plain-PostgreSQL storage path,
 * chosen by detecting the extension) and the status a node shows as readiness details.
 */
package zvt.crypto.persistence.schema;
