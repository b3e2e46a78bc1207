// Runs the built CLI in this process and reports its peak RSS on stderr as the last line.
const { main } = await import('../dist/cli/main.js');
const code = await main(process.argv.slice(2));
process.stderr.write(`\n${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, code })}\n`);
