// Fetches each URL given and fails unless it answers 200 with the text expected after `=`, if any.
for (const arg of process.argv.slice(2)) {
  const [url, expected] = arg.split('=', 2);
  const response = await fetch(url);
  const text = await response.text();
  if (response.status !== 200 || (expected && !text.includes(expected))) {
    console.error(`ci: ${url} answered ${response.status}: ${text.slice(0, 300)}`);
    process.exit(1);
  }
  console.log(`ci: ${url} ${response.status} ${text.slice(0, 160).replace(/\s+/g, ' ')}`);
}
