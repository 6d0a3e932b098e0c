// `npm run build`: `policy-atlas build`, the site from CATALOG_DIR (default data/) into OUT_DIR (default dist/).
process.argv.splice(2, 0, 'build');
await import('../src/cli/main.ts');
