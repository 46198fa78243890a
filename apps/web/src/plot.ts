// The Observable Plot marks the page draws, loaded on first use by `loadPlot` (ui.tsx). Named
// re-exports, so the bundler keeps only these and what they need.
export { barX, barY, line, link, plot, rectY, ruleX, ruleY, tickX } from '@observablehq/plot';
