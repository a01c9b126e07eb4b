// @isac/console — the web console's static files (plain ES modules under public/), served by the API at `/`.
export { CONSOLE_CSP, consoleStatic } from './console-static.js';
export { consoleRoot, loadConsoleAssets } from './console-assets.js';
export { CONSOLE_VENDOR_FILES, loadVendorAssets } from './console-vendor.js';
