/**
 * The live web page on the gateway's port: {@link zvt.crypto.gateway.web.WebPageHandler} serves {@code /} and
 * {@code /web/...} from memory ({@link zvt.crypto.gateway.web.WebFiles}: the page's resources next to these classes,
 * uPlot from its WebJar). The page (plain JavaScript modules) uses only the public WebSocket protocol and REST API.
 */
package zvt.crypto.gateway.web;
