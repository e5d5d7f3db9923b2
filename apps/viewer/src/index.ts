export { createApp, type ViewerOptions, type ViewerApp } from './lib/app.js';
export { startViewer, type StartOptions, type RunningViewer } from './lib/server.js';
export { csvCell, exportStream, type ExportColumn, type ExportFormat } from './lib/export.js';
export { monthChart, monthRange, type MonthBar, type MonthChartOptions } from './lib/chart.js';
export { placesMap } from './lib/map.js';
export { renderArticle, renderExcerpt, type RenderedArticle } from './lib/annotate.js';
export { escapeHtml, jsonForScript } from './lib/escape.js';
export { normaliseName, entityKey, entityHref, hasEntityPage } from './lib/names.js';
export { pagePolicy, downloadPolicy } from './lib/security.js';
