/**
 * Assembly and operator tools: the CLI, configuration, node lifecycle (roles, drain on SIGTERM), packaging and deployment.
 */
package zvt.crypto.ops;
