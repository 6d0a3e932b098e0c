/**
 * The version of the classifier's rules, named on every tool page and stored with the published
 * accuracy figures. Bump it whenever a change to src/core/classify/ changes any rating: figures
 * measured with another version no longer describe the ratings the site shows.
 */
export const RULES_VERSION = '2026.12.8';
